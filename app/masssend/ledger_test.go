package masssend_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

const addMsgTemplate = "externalcontact/add_msg_template"

// chunkStates counts a send's ledger rows by state.
func (w *world) chunkStates(t *testing.T, ms *app.MassSend) map[string]int {
	cs, err := w.store.ChunksIn(w.ctx, w.s.Corp.ID, ms.ID, app.ChunkPlanned, app.ChunkCreating, app.ChunkCreated,
		app.ChunkSettled, app.ChunkFailed, app.ChunkCancelled)
	require.NoError(t, err)
	out := map[string]int{}
	for _, c := range cs {
		out[c.State]++
	}
	return out
}

// WeCom applies add_msg_template but the answer is lost: the chunk stays
// in creating while its lease runs, nothing is retried, and once the
// lease and grace are over the task is found in get_groupmsg_list_v2 by
// its guide and customers and recorded, not created again. A request
// lost before WeCom saw it is found nowhere and sent again. Either way the
// sandbox ends with exactly one task per (guide, chunk).
func TestLostAnswersAreReconciled(t *testing.T) {
	for _, c := range []struct {
		name    string
		fault   sandbox.Fault
		applied bool
	}{
		{"AnswerLost", sandbox.Fault{DropAnswer: true, Times: 1}, true},
		{"RequestLost", sandbox.Fault{Drop: true, Times: 1}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			eachStack(t, map[string]int{"g1": 6, "g2": 3}, func(t *testing.T, w *world) {
				ms := w.send(t, "丢失应答", w.all(), 0)
				w.s.SC.InjectFault(addMsgTemplate, c.fault)
				assert.Error(t, w.svc.Advance(w.ctx, w.s.Corp.ID, ms.ID), "the lost answer is reported")
				require.Equal(t, 1, w.chunkStates(t, ms)[app.ChunkCreating])
				sends := w.sandboxSends(ms)
				applied := len(sends["g1"]) + len(sends["g2"])

				require.NoError(t, w.svc.Advance(w.ctx, w.s.Corp.ID, ms.ID))
				assert.Equal(t, applied, len(flatten(w.sandboxSends(ms))), "nothing created while the lease runs")
				assert.Equal(t, 1, w.chunkStates(t, ms)[app.ChunkCreating])

				w.later(3 * time.Second)
				require.NoError(t, w.svc.Advance(w.ctx, w.s.Corp.ID, ms.ID))
				assert.Equal(t, map[string]int{app.ChunkCreated: 3}, w.chunkStates(t, ms))
				assert.Equal(t, chunksOf(w.planned(t, ms)), w.sandboxSends(ms), "one task per (guide, chunk)")
				if c.applied { // g2's chunk, and g1's first, whose answer was dropped
					assert.Equal(t, 2, applied, "the sandbox applied the call whose answer it dropped")
				} else {
					assert.Equal(t, 1, applied)
				}
				w.assertMsgIDs(t, ms)
			})
		})
	}
}

// assertMsgIDs checks each created chunk names a distinct sandbox send
// of its guide holding exactly its customers.
func (w *world) assertMsgIDs(t *testing.T, ms *app.MassSend) {
	byID := map[string]sandbox.MassSend{}
	for _, m := range w.s.SC.MassSends() {
		byID[m.MsgID] = m
	}
	cs, err := w.store.ChunksIn(w.ctx, w.s.Corp.ID, ms.ID, app.ChunkCreated, app.ChunkSettled)
	require.NoError(t, err)
	for _, c := range cs {
		m, ok := byID[c.MsgID]
		require.True(t, ok, c.MsgID)
		exts, err := w.store.ChunkRecipients(w.ctx, &c)
		require.NoError(t, err)
		var got []string
		for _, r := range m.Results {
			got = append(got, r.ExternalUserID)
		}
		assert.Equal(t, exts, got)
		assert.Equal(t, c.UserID, m.Tasks[0].UserID)
		delete(byID, c.MsgID)
	}
}

func flatten(m map[string][][]string) [][]string {
	var out [][]string
	for _, v := range m {
		out = append(out, v...)
	}
	return out
}
