package behavior_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// The first pull fetches the last 180 days, one guide a call in spans of
// 30, and stores what the sandbox holds; the next day's fetches
// yesterday and the two days before again, taking late figures.
func testFirstPullThenDaily(t *testing.T, w *world) {
	sc, corpID := w.sc, w.corp.ID
	sc.SetBehavior("g1", at(w.day(1)), sandbox.Behavior{ChatCnt: 3, MessageCnt: 4})
	sc.SetBehavior("g1", at(w.day(2)), sandbox.Behavior{ChatCnt: 2, MessageCnt: 2, CustomerChats: 2})
	sc.SetBehavior("g2", at(w.day(180)), sandbox.Behavior{ChatCnt: 6, MessageCnt: 9, CustomerChats: 3, ReplyPercentage: 66.67, AvgReplyTime: 14})
	require.NoError(t, w.pull())

	for _, call := range sc.BehaviorCalls() {
		require.Len(t, call.UserIDs, 1, "one guide a call: several return one merged series")
		assert.Empty(t, call.PartyIDs)
	}
	assert.Equal(t, map[string][]string{"g1": w.spansBack(180), "g2": w.spansBack(180)}, w.callDays(0),
		"180 days to yesterday in 30-day spans, oldest first; g3 left")
	rows := w.stored(t, w.day(400), w.today)
	assert.Equal(t, w.heldRows([]string{"g1", "g2"}, 180, 1), rows, "one row a guide and day, as the sandbox holds")
	byKey := map[string]app.BehaviorDay{}
	for _, r := range rows {
		byKey[r.UserID+r.Day] = r
	}
	assert.Nil(t, byKey["g1"+w.day(1)].ReplyPctBP, "left out by WeCom: NULL")
	assert.Nil(t, byKey["g1"+w.day(1)].AvgReplyTimeX100)
	if zero := byKey["g1"+w.day(2)]; assert.NotNil(t, zero.ReplyPctBP) {
		assert.Zero(t, *zero.ReplyPctBP, "a 0% reply is kept as 0")
	}
	if g2 := byKey["g2"+w.day(180)]; assert.NotNil(t, g2.ReplyPctBP) && assert.NotNil(t, g2.AvgReplyTimeX100) {
		assert.Equal(t, int64(6667), *g2.ReplyPctBP)
		assert.Equal(t, int64(1400), *g2.AvgReplyTimeX100)
	}
	p, err := w.s.BehaviorStore.FindBehaviorPull(w.ctx, corpID, w.localDay())
	require.NoError(t, err)
	assert.NotNil(t, p.FinishedAt)
	assert.Equal(t, app.BehaviorPull{CorpID: corpID, Day: w.localDay(), Guides: 2, Calls: 12}, app.BehaviorPull{CorpID: p.CorpID,
		Day: p.Day, Guides: p.Guides, Calls: p.Calls, Skipped: p.Skipped})

	require.NoError(t, w.pull())
	assert.Len(t, sc.BehaviorCalls(), 12, "a finished pull is not run again")

	// The next day: yesterday is new, and the two days before are
	// fetched again, one of which WeCom completed late.
	sc.Advance(24 * time.Hour)
	w.today = w.day(-1)
	late := sandbox.Behavior{ChatCnt: 11, MessageCnt: 40, CustomerChats: 5, ReplyPercentage: 80, AvgReplyTime: 6, NewContactCnt: 2}
	sc.SetBehavior("g2", at(w.day(2)), late)
	require.NoError(t, w.pull())
	span := []string{w.day(3) + ".." + w.day(1)}
	assert.Equal(t, map[string][]string{"g1": span, "g2": span}, w.callDays(12), "the new day and 2 again")
	assert.Equal(t, w.heldRows([]string{"g1", "g2"}, 181, 1), w.stored(t, w.day(400), w.today))
	assert.Equal(t, int64(11), w.stored(t, w.day(2), w.day(2))[1].ChatCnt, "the late figures replace the early ones")
}

// A pull cut short (here by WeCom's rate limit, after 8 calls) keeps the
// spans it stored; the next run goes on from each guide's mark: no gap,
// no day twice, no span fetched again.
func testResumesFromMarks(t *testing.T, w *world) {
	sc, corpID := w.sc, w.corp.ID
	sc.SetLimit(apiBehavior, sandbox.Limit{PerHour: 8})
	err := w.pull()
	require.Error(t, err)
	assert.Equal(t, app.ERATELIMITED, app.ErrorCode(err), "the task machinery retries it without counting")
	marks, err := w.s.BehaviorStore.BehaviorMarks(w.ctx, corpID)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"g1": w.day(1), "g2": w.day(121)}, marks)
	g1 := w.heldRows([]string{"g1"}, 180, 1)
	g2 := w.heldRows([]string{"g2"}, 180, 121)
	stored := w.stored(t, w.day(400), w.today)
	assert.Len(t, stored, len(g1)+len(g2))
	finished, err := w.s.BehaviorStore.BehaviorPullFinished(w.ctx, corpID, w.localDay())
	require.NoError(t, err)
	assert.False(t, finished)

	sc.SetLimit(apiBehavior, sandbox.Limit{PerMinute: 10000, PerHour: 150000})
	require.NoError(t, w.pull())
	assert.Equal(t, map[string][]string{"g2": w.spansBack(120)}, w.callDays(8), "only what was not stored")
	assert.Equal(t, w.heldRows([]string{"g1", "g2"}, 180, 1), w.stored(t, w.day(400), w.today))
}
