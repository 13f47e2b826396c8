package tasks

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// After an outage an event's task may be waiting out a long retry
// backoff while its dependency is back: the relay's pass runs it at once
// when it may wake tasks, and leaves it waiting when it may not; a task
// archived (failed for good) stays so.
func TestRelayWakesATaskWaitingToRetry(t *testing.T) {
	ctx := context.Background()
	d := testkit.MigratedDB(t, config.DriverMySQL)
	r := testkit.OpenRedis(t, testkit.RedisConfig(t, config.RedisStandalone))
	inbox := db.NewInboxStore(d)
	e := &app.InboxEvent{CorpID: 1, DedupeKey: fmt.Sprintf("%064s", "wake"), Kind: "change_external_contact/del_follow_user", Payload: "{}",
		EventTime: time.Now().UTC(), Status: app.InboxPending}
	_, err := inbox.SaveEvent(ctx, e)
	require.NoError(t, err)
	client := asynq.NewClient(r.Conn)
	t.Cleanup(func() { client.Close() })
	task, err := NewEventTask(e)
	require.NoError(t, err)
	_, err = client.Enqueue(task, asynq.ProcessIn(time.Hour)) // as a retry an hour off would wait
	require.NoError(t, err)
	insp := asynq.NewInspectorFromRedisClient(r.Client)
	state := func() asynq.TaskState {
		info, err := insp.GetTaskInfo(QueueDefault, eventTaskID(e))
		require.NoError(t, err)
		return info.State
	}
	q, log := NewEnqueuer(client), testkit.Logger(t)
	require.NoError(t, relayEvents(ctx, inbox, q, time.Now().Add(time.Minute), log))
	assert.Equal(t, asynq.TaskStateScheduled, state(), "without an inspector the relay leaves the task waiting")
	q.WakeWith(insp)
	require.NoError(t, relayEvents(ctx, inbox, q, time.Now().Add(time.Minute), log))
	assert.Equal(t, asynq.TaskStatePending, state(), "the relay runs the waiting task now")
	require.NoError(t, relayEvents(ctx, inbox, q, time.Now().Add(time.Minute), log), "a pending task is left as it is")
	assert.Equal(t, asynq.TaskStatePending, state())
	require.NoError(t, insp.ArchiveTask(QueueDefault, eventTaskID(e))) // as one that failed for good is
	require.NoError(t, relayEvents(ctx, inbox, q, time.Now().Add(time.Minute), log))
	assert.Equal(t, asynq.TaskStateArchived, state(), "a task that failed for good is not run again")
}
