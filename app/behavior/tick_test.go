package behavior_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/tasks"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// The tick starts a corp's pull at its pull hour (10:00), once however
// many schedulers tick. The queued pull meets WeCom's rate limit (45009):
// the worker keeps it for a retry that does not count against its
// budget, and the retry resumes and finishes, every span fetched once.
// Once the day's pull finished, ticks add nothing.
func testTickStartsOnePullADay(t *testing.T, w *world) {
	sc, corpID := w.sc, w.corp.ID
	insp := asynq.NewInspector(w.s.Redis.Conn)
	require.NoError(t, w.s.Behavior.Tick(w.ctx, w.corp))
	_, err := w.s.BehaviorStore.FindBehaviorPull(w.ctx, corpID, w.localDay())
	assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err), "09:00: before the pull hour")

	sc.Advance(time.Hour)
	sc.SetLimit(apiBehavior, sandbox.Limit{PerHour: 3})
	require.NoError(t, w.s.Behavior.Tick(w.ctx, w.corp))
	require.NoError(t, w.s.Behavior.Tick(w.ctx, w.corp), "a second scheduler's tick")
	id := fmt.Sprintf("behavior:pull:%d:%s", corpID, w.localDay())
	var info *asynq.TaskInfo
	require.Eventually(t, func() bool {
		info, err = insp.GetTaskInfo(tasks.QueueLow, id)
		return err == nil && info.State == asynq.TaskStateRetry
	}, 20*time.Second, 20*time.Millisecond, "rate-limited: kept for a retry")
	assert.Zero(t, info.Retried, "a rate limit uses up no retry")
	sc.SetLimit(apiBehavior, sandbox.Limit{PerMinute: 10000, PerHour: 150000})
	require.NoError(t, insp.RunTask(tasks.QueueLow, id), "the retry, now rather than at asynq's next forward")
	require.Eventually(t, func() bool {
		done, err := w.s.BehaviorStore.BehaviorPullFinished(w.ctx, corpID, w.localDay())
		return err == nil && done
	}, 20*time.Second, 20*time.Millisecond)
	assert.Len(t, sc.BehaviorCalls(), 12, "every span fetched once, the first three before the limit")
	outcome := func(o string) float64 {
		return testutil.ToFloat64(w.s.Metrics.TaskOutcomes.WithLabelValues(tasks.TypeBehaviorPull, o))
	}
	require.Eventually(t, func() bool { return outcome(metrics.OutcomeSuccess) == 1 }, 5*time.Second, 10*time.Millisecond)
	assert.Equal(t, 1.0, outcome(metrics.OutcomeRetry), "one pull for the day, retried once")

	require.NoError(t, w.s.Behavior.Tick(w.ctx, w.corp))
	_, err = insp.GetTaskInfo(tasks.QueueLow, id)
	assert.True(t, errors.Is(err, asynq.ErrTaskNotFound), "finished: nothing queued again (%v)", err)
}
