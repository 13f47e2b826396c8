package stack

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/tasks"
)

// Settle waits until the sandbox delivered everything and Siyu's inbox
// and queues are empty; if they do not drain in time it lists what is
// still pending, then fails.
func (s *Stack) Settle(t testing.TB, within time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	require.NoError(t, s.SC.WaitDeliveries(ctx))
	for deadline := time.Now().Add(within); ; time.Sleep(20 * time.Millisecond) {
		var pending int64
		require.NoError(t, s.DB.SQL().QueryRow("SELECT COUNT(*) FROM wecom_events WHERE status = 'pending'").Scan(&pending))
		if pending == 0 && s.Queued() == 0 {
			return
		}
		if time.Now().After(deadline) {
			s.DumpPending(t)
			t.Fatalf("inbox and queues did not drain: %d events pending", pending)
		}
	}
}

// DumpPending logs the tasks outstanding and a few pending events with
// their last errors, for a test that failed waiting on them.
func (s *Stack) DumpPending(t testing.TB) {
	t.Logf("tasks outstanding: %d", s.Queued())
	rows, err := s.DB.SQL().Query("SELECT kind, attempts, COALESCE(last_error, '') FROM wecom_events WHERE status = 'pending' LIMIT 10")
	require.NoError(t, err)
	defer rows.Close()
	for rows.Next() {
		var kind, lastErr string
		var attempts int
		require.NoError(t, rows.Scan(&kind, &attempts, &lastErr))
		t.Logf("pending %s after %d attempts: %s", kind, attempts, lastErr)
	}
}

// Queued counts the tasks not yet done in Siyu's queues, -1 when Redis
// cannot tell.
func (s *Stack) Queued() int {
	insp := asynq.NewInspector(s.Redis.Conn)
	defer insp.Close() // a client of its own: on a cluster, connections to every node
	known, err := insp.Queues()
	if err != nil {
		return -1
	}
	n := 0
	for _, q := range []string{tasks.QueueDefault, tasks.QueueCritical, tasks.QueueReads} {
		if !slices.Contains(known, q) {
			continue
		}
		info, err := insp.GetQueueInfo(q)
		if err != nil {
			return -1
		}
		n += info.Pending + info.Active + info.Retry + info.Scheduled
	}
	return n
}
