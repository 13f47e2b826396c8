package masssend_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
)

// A group send chosen by selection plans the live groups the selection
// picks when planned (a tag added after creation counts), each sent by its
// owner: the same set as a plain walk over the groups the test wrote.
func TestGroupSendBySelection(t *testing.T) {
	eachStack(t, map[string]int{"g1": 1, "g2": 1, "g3": 1}, func(t *testing.T, w *world) {
		corp, now := w.s.Corp.ID, time.Now().UTC()
		type grp struct {
			chat, name, owner string
			dismissed, tagged bool
		}
		var gs []grp
		for i := range 18 {
			g := grp{chat: fmt.Sprintf("wrMS%02d", i), name: []string{"福利群", "闲聊群", "会员福利"}[i%3] + fmt.Sprint(i),
				owner: []string{"g1", "g2", "g3"}[i%3*i%5%3], dismissed: i%7 == 3, tagged: i%2 == 0}
			gs = append(gs, g)
			row := app.Group{CorpID: corp, ChatID: g.chat, Name: g.name, Owner: g.owner, CreateTime: &now}
			require.NoError(t, w.s.Stores.Directory.SyncGroup(w.ctx, &row, nil, now))
			if g.dismissed {
				require.NoError(t, w.s.Stores.Directory.DismissGroup(w.ctx, corp, g.chat, now))
			}
		}
		tag := &app.GroupTag{CorpID: corp, Name: "活动群"}
		require.NoError(t, w.s.GroupTags.CreateTag(w.ctx, tag))
		sel := app.GroupSelection{Owners: []string{"g1", "g2"}, TagIDs: []int64{tag.ID}, NameContains: "福利"}
		ms, err := w.svc.Create(w.ctx, corp, app.MassSendInput{Name: "按标签群发", ChatType: app.ChatGroup, Text: "群福利",
			Audience: app.MassSendAudience{Kind: app.AudienceGroups, Groups: sel}})
		require.NoError(t, err)
		var tagged []string
		for _, g := range gs {
			if g.tagged {
				tagged = append(tagged, g.chat)
			}
		}
		require.NoError(t, w.s.GroupTags.Tag(w.ctx, corp, tagged, []int64{tag.ID}))
		require.NoError(t, w.svc.Advance(w.ctx, corp, ms.ID))
		want := map[string]string{}
		for _, g := range gs {
			if !g.dismissed && g.tagged && g.owner != "g3" && strings.Contains(g.name, "福利") {
				want[g.chat] = g.owner
			}
		}
		got := map[string]string{}
		for chat, p := range w.planned(t, ms) {
			assert.Empty(t, p.Excluded, chat)
			got[chat] = p.UserID
		}
		require.NotEmpty(t, want)
		assert.Equal(t, want, got)
	})
}

// A selection is only for group sends, and a group send needs a list or
// a selection.
func TestGroupSelectionOnlyForGroupSends(t *testing.T) {
	eachStack(t, map[string]int{"g1": 1}, func(t *testing.T, w *world) {
		_, err := w.svc.Create(w.ctx, w.s.Corp.ID, app.MassSendInput{Name: "x", Text: "x", Audience: app.MassSendAudience{Kind: app.AudienceGroups}})
		assert.Contains(t, app.ErrorMessage(err), "按条件选择客户群只用于群发到客户群")
		_, err = w.svc.Create(w.ctx, w.s.Corp.ID, app.MassSendInput{Name: "x", Text: "x", ChatType: app.ChatGroup,
			Audience: app.MassSendAudience{Kind: app.AudienceTags, TagGroups: [][]string{{"t"}}}})
		assert.Contains(t, app.ErrorMessage(err), "群发到客户群须上传客户群名单或按群主、门店、标签、群名选择客户群")
	})
}
