package behavior_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
)

// A span stored again takes the new figures; a mark never moves back
// (two pulls of a corp overlapping cannot undo each other's progress).
func testStoreKeepsLatest(t *testing.T, w *world) {
	st, corpID := w.s.BehaviorStore, w.corp.ID
	bp := int64(5000)
	day := func(d string, chats int64, reply *int64) app.BehaviorDay {
		return app.BehaviorDay{CorpID: corpID, UserID: "g1", Day: d, ChatCnt: chats, ReplyPctBP: reply}
	}
	require.NoError(t, st.StoreBehaviorSpan(w.ctx, corpID, "g1", "2026-01-04",
		[]app.BehaviorDay{day("2026-01-03", 1, nil), day("2026-01-04", 2, &bp)}))
	require.NoError(t, st.StoreBehaviorSpan(w.ctx, corpID, "g1", "2026-01-03", []app.BehaviorDay{day("2026-01-03", 7, &bp)}))
	marks, err := st.BehaviorMarks(w.ctx, corpID)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"g1": "2026-01-04"}, marks)
	rows := w.stored(t, "2026-01-01", "2026-01-31")
	assert.Equal(t, []app.BehaviorDay{day("2026-01-03", 7, &bp), day("2026-01-04", 2, &bp)}, rows)
}
