package directory_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// TestOutagesLoseNothingAcknowledged stops MariaDB, then Redis, then both,
// while WeCom keeps delivering. A callback answered 200 must have been
// stored (in the inbox, or with the database down in the queue), and once
// the servers are back every acknowledged event is applied exactly once.
// Events WeCom gave up on while nothing could store them were never
// acknowledged; repairing those is the reconcile's job.
func TestOutagesLoseNothingAcknowledged(t *testing.T) {
	dbCfg := testkit.DatabaseConfig(t, config.DriverMySQL)
	dbLine := proxyDSN(t, &dbCfg)
	redisCfg := testkit.RedisConfig(t, config.RedisStandalone)
	redisLine := testkit.StartProxy(t, redisCfg.Addr)
	redisCfg.Addr = redisLine.Addr()
	s := startSiyuOn(t, dbCfg, redisCfg, nil, sandbox.DeliveryOptions{Workers: 4, Retries: 3,
		RetryDelay: 400 * time.Millisecond, Timeout: 2 * time.Second})
	a := newActor(t, s.sc, 4)

	act := func(n int) {
		for range n {
			a.step()
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		require.NoError(t, s.sc.WaitDeliveries(ctx))
	}
	outage := func(lines ...*testkit.Proxy) {
		for _, l := range lines {
			l.Cut()
		}
		act(30)
		for _, l := range lines {
			l.Restore()
		}
	}
	act(30)
	outage(dbLine)
	act(30)
	outage(redisLine)
	act(30)
	outage(dbLine, redisLine)
	act(30)
	s.settleWithRelay(t)

	acked, refused := s.ackedKeys(t)
	applied := s.inboxKeys(t)
	assert.Equal(t, acked, applied, "every acknowledged event is stored and applied, nothing else")
	assert.Positive(t, refused, "with both servers down some deliveries were refused (503)")
	assert.Positive(t, s.callbacks(t, "queued_only"), "with the database down the queue alone held some events")
	t.Logf("%d events acknowledged and applied, %d attempts refused; stored %v, queued only %v, unavailable %v", len(acked), refused,
		s.callbacks(t, "stored"), s.callbacks(t, "queued_only"), s.callbacks(t, "unavailable"))
}

// proxyDSN points cfg at a proxy in front of its MariaDB.
// On a Galera cluster (testkit.OnGalera) the proxy stands in front of
// one node, as a load balancer would, and is the one node Siyu knows.
func proxyDSN(t *testing.T, cfg *config.Database) *testkit.Proxy {
	c, err := mysql.ParseDSN(cfg.DSN)
	require.NoError(t, err)
	if len(cfg.Nodes) > 0 {
		c.Addr = cfg.Nodes[0]
	}
	line := testkit.StartProxy(t, c.Addr)
	c.Addr = line.Addr()
	cfg.DSN = c.FormatDSN()
	if len(cfg.Nodes) > 0 {
		cfg.Nodes = []string{line.Addr()}
	}
	return line
}

// settleWithRelay waits for every delivery, then runs the relay as the
// scheduler would until the inbox and queue are empty.
func (s *siyu) settleWithRelay(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	require.NoError(t, s.sc.WaitDeliveries(ctx))
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		if s.drained(t) {
			return
		}
		_, _ = s.queue.Enqueue(tasks.NewRelayTask())
	}
	s.dumpPending(t)
	t.Fatal("inbox and queue did not drain")
}

func (s *siyu) drained(t *testing.T) bool {
	var pending int
	require.NoError(t, s.db.SQL().QueryRow("SELECT COUNT(*) FROM wecom_events WHERE status = 'pending'").Scan(&pending))
	return pending == 0 && s.queued() == 0
}

// ackedKeys lists the dedupe keys of events some attempt got a 200 for,
// and counts attempts answered 503.
func (s *siyu) ackedKeys(t *testing.T) (map[string]bool, int) {
	keys, refused := map[string]bool{}, 0
	for _, d := range s.sc.Deliveries() {
		for _, at := range d.Attempts {
			switch at.StatusCode {
			case http.StatusOK:
				ev, err := wecom.ParseEvent([]byte(d.Event.XML))
				require.NoError(t, err)
				keys[wecom.DedupeKey(ev)] = true
			case http.StatusServiceUnavailable:
				refused++
			}
		}
	}
	return keys, refused
}

// inboxKeys lists the dedupe keys of the events Siyu applied (or ignored).
func (s *siyu) inboxKeys(t *testing.T) map[string]bool {
	rows, err := s.db.SQL().Query("SELECT dedupe_key FROM wecom_events WHERE status <> 'pending'")
	require.NoError(t, err)
	defer rows.Close()
	keys := map[string]bool{}
	for rows.Next() {
		var k string
		require.NoError(t, rows.Scan(&k))
		keys[k] = true
	}
	return keys
}
