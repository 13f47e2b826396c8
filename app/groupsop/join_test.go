package groupsop_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
)

// An after-join step fires once per customer who joined (not per staff
// member, nor for one who left), a day after their join day at its time.
func TestGroupSOPAfterJoin(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		now := w.s.SC.Now().UTC()
		joined := now.Add(time.Hour)
		g := &app.Group{CorpID: w.s.Corp.ID, ChatID: "wrJoin", Name: "入群欢迎", Owner: "o0", CreateTime: &now}
		members := []app.GroupMember{{MemberID: "wmA", Type: 2, JoinTime: &joined}, {MemberID: "wmB", Type: 2, JoinTime: &joined},
			{MemberID: "o0", Type: 1, JoinTime: &joined}, {MemberID: "wmGone", Type: 2, JoinTime: &joined}}
		require.NoError(t, w.s.Stores.Directory.SyncGroup(ctx, g, members, now))
		require.NoError(t, w.s.Stores.Directory.SyncGroup(ctx, g, members[:3], now.Add(time.Minute)))
		sop := &app.GroupSOP{CorpID: w.s.Corp.ID, Name: "入群次日", Steps: []app.GroupSOPStep{
			{Kind: app.GroupStepAfterJoin, Days: 1, At: "10:00", Content: "欢迎新朋友"}}}
		require.NoError(t, w.sops.Create(ctx, sop))
		j := joined.In(w.zone)
		dueAt := time.Date(j.Year(), j.Month(), j.Day()+1, 10, 0, 0, 0, w.zone)
		for w.s.SC.Now().Before(dueAt.Add(3 * time.Hour)) {
			w.s.SC.Advance(time.Hour)
			w.tick(t, false)
		}
		want := map[string]bool{}
		for _, m := range []string{"wmA", "wmB"} {
			want[fmt.Sprintf("1/wrJoin/%s", m)] = true
		}
		assert.Equal(t, want, w.firedKeys(t, sop.ID))
		assert.Equal(t, 2, w.taskCount(t, sop.ID))
	})
}
