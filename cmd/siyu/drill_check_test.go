package main

import (
	"net/http"
	"testing"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/app/testkit/mirror"
	"github.com/siyu-scrm/siyu/wecom"
)

// queued counts the tasks not yet done in Siyu's queues.
func (w *drill) queued(t *testing.T) int {
	insp := asynq.NewInspector(kv.ClusterConn{Addrs: w.cluster.Addrs})
	defer insp.Close()
	known, err := insp.Queues()
	require.NoError(t, err)
	n := 0
	for _, q := range known {
		info, err := insp.GetQueueInfo(q)
		require.NoError(t, err)
		n += info.Pending + info.Active + info.Retry + info.Scheduled
	}
	return n
}

// checkEvents checks every event some attempt got a 200 for was applied
// exactly once: the inbox's keys are the acknowledged ones, no more.
func (w *drill) checkEvents(t *testing.T) {
	acked, refused, dups := map[string]bool{}, 0, 0
	deliveries := w.sc.Deliveries()
	for _, d := range deliveries {
		if d.Duplicate {
			dups++
		}
		for _, at := range d.Attempts {
			if at.StatusCode != http.StatusOK {
				refused++
				continue
			}
			ev, err := wecom.ParseEvent([]byte(d.Event.XML))
			require.NoError(t, err)
			acked[wecom.DedupeKey(ev)] = true
		}
	}
	applied := map[string]bool{}
	for _, r := range w.rows(t, "SELECT dedupe_key FROM wecom_events WHERE status <> 'pending'") {
		require.False(t, applied[r[0]], "one inbox row per event")
		applied[r[0]] = true
	}
	assert.Equal(t, acked, applied, "every acknowledged event is stored and applied, nothing else")
	testkit.Report(t, "events: %d emitted, %d deliveries (%d duplicates), %d acknowledged, %d attempts refused or failed",
		len(w.sc.Events()), len(deliveries), dups, len(acked), refused)
}

// checkDirectory compares Siyu's follows (remark, state, add time,
// tags), group memberships and tag library with the sandbox's.
func (w *drill) checkDirectory(t *testing.T) {
	n := mirror.AssertDirectory(t, w.sc, w.d, w.corp.ID)
	testkit.Report(t, "directory: %d follows, %d customers, %d group memberships equal the sandbox's", n.Follows, n.Customers, n.GroupMembers)
}
