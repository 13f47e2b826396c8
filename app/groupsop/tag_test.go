package groupsop_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
)

// A SOP selecting by group tag counts and fires only for tagged groups; a
// group tagged later comes in at the next tick (its due step caught up),
// an untagged one drops out, and a tag a SOP selects cannot be deleted.
func TestGroupSOPSelectsByTag(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		ctx, corp := context.Background(), w.s.Corp.ID
		gs := w.groups(t, []string{"o0", "o1"}, 6)
		vip, other := &app.GroupTag{CorpID: corp, Name: "VIP群"}, &app.GroupTag{CorpID: corp, Name: "新人群", GroupName: "阶段"}
		require.NoError(t, w.s.GroupTags.CreateTag(ctx, vip))
		require.NoError(t, w.s.GroupTags.CreateTag(ctx, other))
		require.NoError(t, w.s.GroupTags.Tag(ctx, corp, []string{gs[0].ChatID, gs[3].ChatID}, []int64{vip.ID}))
		require.NoError(t, w.s.GroupTags.Tag(ctx, corp, []string{gs[1].ChatID, gs[5].ChatID}, []int64{other.ID}))
		sel := app.GroupSelection{TagIDs: []int64{vip.ID}}
		n, err := w.sops.Count(ctx, corp, sel)
		require.NoError(t, err)
		assert.EqualValues(t, 2, n)
		today := w.s.SC.Now().In(w.zone)
		day := func(d int) string { return today.AddDate(0, 0, d).Format("2006-01-02") }
		sop := &app.GroupSOP{CorpID: corp, Name: "VIP福利", Selection: sel, Steps: []app.GroupSOPStep{
			{Kind: app.GroupStepDate, Date: day(1), At: "10:00", Content: "明天福利"},
			{Kind: app.GroupStepDate, Date: day(2), At: "10:00", Content: "后天福利"}}}
		require.NoError(t, w.sops.Create(ctx, sop))
		w.runUntil(t, time.Date(today.Year(), today.Month(), today.Day()+1, 12, 0, 0, 0, w.zone))
		assert.Equal(t, map[string]bool{"1/" + gs[0].ChatID + "/": true, "1/" + gs[3].ChatID + "/": true}, w.firedKeys(t, sop.ID))

		require.NoError(t, w.s.GroupTags.Tag(ctx, corp, []string{gs[5].ChatID}, []int64{vip.ID}))
		require.NoError(t, w.s.GroupTags.Untag(ctx, corp, []string{gs[3].ChatID}, []int64{vip.ID}))
		w.tick(t, false)
		assert.True(t, w.firedKeys(t, sop.ID)["1/"+gs[5].ChatID+"/"], "a group tagged later comes in at the next tick")
		w.runUntil(t, time.Date(today.Year(), today.Month(), today.Day()+2, 12, 0, 0, 0, w.zone))
		want := map[string]bool{}
		for _, k := range []string{"1/" + gs[0].ChatID, "1/" + gs[3].ChatID, "1/" + gs[5].ChatID, "2/" + gs[0].ChatID, "2/" + gs[5].ChatID} {
			want[k+"/"] = true
		}
		assert.Equal(t, want, w.firedKeys(t, sop.ID))
		assert.Equal(t, app.ECONFLICT, app.ErrorCode(w.s.GroupTags.DeleteTag(ctx, corp, vip.ID)))
		require.NoError(t, w.s.GroupTags.DeleteTag(ctx, corp, other.ID))
	})
}

// runUntil advances the clock by the hour to end, ticking each hour.
func (w *world) runUntil(t *testing.T, end time.Time) {
	for w.s.SC.Now().Before(end) {
		w.s.SC.Advance(time.Hour)
		w.tick(t, false)
	}
}
