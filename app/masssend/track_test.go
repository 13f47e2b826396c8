package masssend_test

import (
	"errors"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// delivered are the sandbox's sent results (status 1) of a send, as
// "guide/customer".
func (w *world) delivered(ms *app.MassSend) []string {
	var out []string
	for _, m := range w.s.SC.MassSends() {
		if m.Text != ms.Text {
			continue
		}
		for _, r := range m.Results {
			if r.Status == 1 {
				out = append(out, r.UserID+"/"+r.ExternalUserID)
			}
		}
	}
	sort.Strings(out)
	return out
}

// touched are the masssend touches of a send, as "guide/customer".
func (w *world) touched(t *testing.T, ms *app.MassSend) []string {
	ts, _, err := w.s.Touch.List(w.ctx, w.s.Corp.ID, app.TouchFilter{Page: app.Page{Limit: 200}, Kind: app.TouchMassSend})
	require.NoError(t, err)
	var out []string
	for _, x := range ts {
		if x.SourceID == fmt.Sprintf("masssend:%d:%s", ms.ID, x.ExternalUserID) {
			out = append(out, x.UserID+"/"+x.ExternalUserID)
		}
	}
	sort.Strings(out)
	return out
}

// Guides confirm their tasks (g3's customer deleted them first, one of
// g2's got today's message already); polled until settled, the touches
// equal the sandbox's sent results, each once however often it is
// polled, the customers' results are WeCom's, each guide's task is done
// as verified, and the send is done.
func TestTouchesEqualSandboxResults(t *testing.T) {
	eachStack(t, map[string]int{"g1": 5, "g2": 4, "g3": 2}, func(t *testing.T, w *world) {
		ms := w.send(t, "会员日", w.all(), 0)
		require.NoError(t, w.svc.Advance(w.ctx, w.s.Corp.ID, ms.ID))
		_, err := w.s.SC.MemberCreatesMassSend("g2", w.customers["g2"][:1], "导购自己群发")
		require.NoError(t, err)
		require.NoError(t, w.s.SC.CustomerDeletesMember("g3", w.customers["g3"][0]))
		w.confirm(t, ms, "g1", "g2", "g3")
		for range 3 {
			require.NoError(t, w.svc.Advance(w.ctx, w.s.Corp.ID, ms.ID))
		}
		assert.Equal(t, w.delivered(ms), w.touched(t, ms))
		assert.Len(t, w.touched(t, ms), 9, "11 customers, one not a friend, one over WeCom's limit")

		got, _, err := w.svc.Results(w.ctx, w.s.Corp.ID, ms.ID, app.MassSendResultFilter{Page: app.Page{Limit: 200}})
		require.NoError(t, err)
		results := map[string]string{}
		for _, r := range got {
			results[r.ExternalUserID] = r.Result
		}
		assert.Equal(t, app.ResultNotFriend, results[w.customers["g3"][0]])
		assert.Equal(t, app.ResultOverLimit, results[w.customers["g2"][0]])

		after, err := w.svc.Get(w.ctx, w.s.Corp.ID, ms.ID)
		require.NoError(t, err)
		assert.Equal(t, app.MassSendDone, after.Status)
		tasks, _, err := w.s.Todo.ListTasks(w.ctx, w.s.Corp.ID, app.Principal{CorpID: w.s.Corp.ID, Role: app.RoleAdmin}, app.TaskFilter{Kind: app.TaskMassSend})
		require.NoError(t, err)
		require.Len(t, tasks, 4, "g1 has two chunks")
		for _, task := range tasks {
			assert.Equal(t, app.TaskDone, task.Status)
			assert.Equal(t, app.TaskVerified, task.DoneHow)
		}
	})
}

// Three reminders in 24 hours go through; a fourth is refused before
// WeCom is asked. When WeCom itself answers 41094 for every chunk (it was
// reminded elsewhere), the reminder is refused with that reason.
func TestRemindLimit(t *testing.T) {
	eachStack(t, map[string]int{"g1": 2, "g2": 2}, func(t *testing.T, w *world) {
		ms := w.send(t, "提醒", w.all(), 0)
		require.NoError(t, w.svc.Advance(w.ctx, w.s.Corp.ID, ms.ID))
		for range 3 {
			require.NoError(t, w.svc.Remind(w.ctx, w.s.Corp.ID, ms.ID))
		}
		err := w.svc.Remind(w.ctx, w.s.Corp.ID, ms.ID)
		assert.Equal(t, app.ECONFLICT, app.ErrorCode(err), "%v", err)
		for _, m := range w.s.SC.MassSends() {
			if m.Text == ms.Text {
				assert.Len(t, m.Reminders, 3)
			}
		}

		other := w.send(t, "提醒二", w.all(), 0)
		require.NoError(t, w.svc.Advance(w.ctx, w.s.Corp.ID, other.ID))
		cl, err := w.s.Clients.ContactClient(w.ctx, w.s.Corp.ID)
		require.NoError(t, err)
		cs, err := w.store.ChunksIn(w.ctx, w.s.Corp.ID, other.ID, app.ChunkCreated)
		require.NoError(t, err)
		for _, c := range cs {
			for range 3 {
				require.NoError(t, cl.RemindGroupMsg(w.ctx, c.MsgID))
			}
			assert.True(t, errors.Is(cl.RemindGroupMsg(w.ctx, c.MsgID), wecom.ErrRemindLimit), "41094 is the sentinel")
		}
		err = w.svc.Remind(w.ctx, w.s.Corp.ID, other.ID)
		assert.Equal(t, app.ECONFLICT, app.ErrorCode(err), "%v", err)
	})
}

// Cancelling after g1 sent: g1's chunk settles with its touches, g2's
// two tasks are cancelled in WeCom and here, nothing is created after,
// no touch is made for g2, and a second cancel is refused.
func TestCancel(t *testing.T) {
	eachStack(t, map[string]int{"g1": 3, "g2": 6}, func(t *testing.T, w *world) {
		ms := w.send(t, "取消", w.all(), 0)
		require.NoError(t, w.svc.Advance(w.ctx, w.s.Corp.ID, ms.ID))
		w.confirm(t, ms, "g1")
		after, err := w.svc.Cancel(w.ctx, w.s.Corp.ID, ms.ID)
		require.NoError(t, err)
		assert.Equal(t, app.MassSendCancelled, after.Status)
		assert.Equal(t, map[string]int{app.ChunkSettled: 1, app.ChunkCancelled: 2}, w.chunkStates(t, ms))
		for _, m := range w.s.SC.MassSends() {
			if m.Text == ms.Text {
				assert.Equal(t, m.Tasks[0].UserID == "g2", m.Cancelled, m.MsgID)
			}
		}
		assert.Equal(t, w.delivered(ms), w.touched(t, ms))
		assert.Len(t, w.touched(t, ms), 3)
		require.NoError(t, w.svc.Advance(w.ctx, w.s.Corp.ID, ms.ID))
		assert.Len(t, flatten(w.sandboxSends(ms)), 3, "nothing created after the cancel")
		_, err = w.svc.Cancel(w.ctx, w.s.Corp.ID, ms.ID)
		assert.Equal(t, app.ECONFLICT, app.ErrorCode(err))
	})
}

// A group send goes to each listed group through its owner: an unknown
// group has no owner, a dismissed one is left out; each owner gets one
// task with their groups, and each group the owner sent to is one touch.
func TestGroupSend(t *testing.T) {
	eachStack(t, map[string]int{"g1": 1, "g2": 1}, func(t *testing.T, w *world) {
		groups := map[string][]string{}
		for _, u := range []string{"g1", "g1", "g1", "g2", "g2"} {
			id, err := w.s.SC.CreateGroup(sandbox.NewGroup{Owner: u, Name: "群" + u, Members: w.customers[u]})
			require.NoError(t, err)
			groups[u] = append(groups[u], id)
		}
		w.s.Settle(t, 30*time.Second) // the mirror has read each group's owner
		require.NoError(t, w.s.SC.DismissGroup(groups["g2"][1]))
		w.s.Settle(t, 30*time.Second)
		list := append(append(append([]string{}, groups["g1"]...), groups["g2"]...), "wrNOBODY")
		ms, err := w.svc.Create(w.ctx, w.s.Corp.ID, app.MassSendInput{Name: "群发到群", Text: "群公告：周末活动", ChatType: app.ChatGroup,
			Audience: app.MassSendAudience{Kind: app.AudienceList, ExternalUserIDs: list}})
		require.NoError(t, err)
		require.NoError(t, w.svc.Advance(w.ctx, w.s.Corp.ID, ms.ID))
		want := map[string]placement{"wrNOBODY": {Excluded: app.ExcludeNoOwner}, groups["g2"][1]: {UserID: "g2", Excluded: app.ExcludeDismissed},
			groups["g2"][0]: {UserID: "g2", Chunk: 1}}
		for _, id := range groups["g1"] {
			want[id] = placement{UserID: "g1", Chunk: 1}
		}
		assert.Equal(t, want, w.planned(t, ms))

		sent := map[string][]string{}
		for _, m := range w.s.SC.MassSends() {
			if m.Text == ms.Text {
				for _, r := range m.Results {
					sent[m.Tasks[0].UserID] = append(sent[m.Tasks[0].UserID], r.ChatID)
				}
			}
		}
		assert.ElementsMatch(t, groups["g1"], sent["g1"])
		assert.Equal(t, groups["g2"][:1], sent["g2"])
		w.confirm(t, ms, "g1", "g2")
		require.NoError(t, w.svc.Advance(w.ctx, w.s.Corp.ID, ms.ID))
		ts, _, err := w.s.Touch.List(w.ctx, w.s.Corp.ID, app.TouchFilter{Page: app.Page{Limit: 200}, Kind: app.TouchMassSend})
		require.NoError(t, err)
		var touched []string
		for _, x := range ts {
			touched = append(touched, x.SourceID)
		}
		var wantTouched []string
		for _, id := range append(append([]string{}, groups["g1"]...), groups["g2"][0]) {
			wantTouched = append(wantTouched, fmt.Sprintf("masssend:%d:%s", ms.ID, id))
		}
		assert.ElementsMatch(t, wantTouched, touched)
	})
}
