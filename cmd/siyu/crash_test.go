package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The embedded default killed with SIGKILL in the middle of a burst of
// adds loses no onboarding: after the restart, every add Siyu applied has
// exactly one owner decision and exactly one welcome record (sent, or the
// reason it was not, such as an expired code), though the tasks that
// carried them were only in the in-process Redis.
func TestKilledDuringABurstOfAddsLosesNoOnboarding(t *testing.T) {
	t.Parallel()
	burst := 1000
	if testing.Short() && !testkit.RequireServers() {
		burst = 200
	}
	dir := t.TempDir()
	env := demoEnv(dir)
	p := startProc(t, env, "serve")
	token := readToken(t, dir)
	waitFor(t, p, token, "/api/v1/corps/demo/sync-runs", syncsDone(1), "the demo's full sync")
	mirror := openMirror(t, dir)

	// Killed once adds are applied whose onboarding has not run yet.
	fired := fireAdds(t, dir, burst, func() bool {
		applied := appliedAdds(t, mirror)
		return applied >= burst/2 || applied-onboarded(t, mirror, "assignments") >= 20
	})
	require.NoError(t, p.cmd.Process.Kill(), "SIGKILL in the middle of the burst")
	<-p.done
	t.Logf("killed with %d adds fired, %d applied, %d decided, %d welcomes recorded", fired, appliedAdds(t, mirror),
		onboarded(t, mirror, "assignments"), onboarded(t, mirror, "welcome_sends"))

	again := startProc(t, env, "serve")
	applied := 0
	for deadline := time.Now().Add(3 * time.Minute); ; time.Sleep(200 * time.Millisecond) {
		applied = appliedAdds(t, mirror)
		if applied > 0 && onboarded(t, mirror, "assignments") == applied && onboarded(t, mirror, "welcome_sends") == applied {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the restart %d adds applied, %d decided, %d welcomes recorded\n%s", applied,
				onboarded(t, mirror, "assignments"), onboarded(t, mirror, "welcome_sends"), again.stderr)
		}
	}
	assert.Zero(t, twice(t, mirror), "no add was decided or greeted twice")
	t.Logf("%d adds applied, each with one decision and one welcome record", applied)
}

func readToken(t *testing.T, dir string) string {
	raw, err := os.ReadFile(filepath.Join(dir, "api.token"))
	require.NoError(t, err)
	return strings.TrimSpace(string(raw))
}

// openMirror opens the embedded database the process writes, to read it
// beside the process.
func openMirror(t *testing.T, dir string) *db.DB {
	d, err := db.Open(context.Background(), config.Database{Driver: config.DriverSQLite, DSN: filepath.Join(dir, "siyu.db"),
		MaxOpenConns: 2, MaxIdleConns: 1, ConnMaxLifetime: time.Minute}, testkit.Logger(t))
	require.NoError(t, err)
	t.Cleanup(func() { d.Close() })
	return d
}

// fireAdds has burst new customers add demo guides through the running
// sandbox's control API, 8 at a time, until stop says so or the burst is
// done; it returns how many the sandbox took.
func fireAdds(t *testing.T, dir string, burst int, stop func() bool) int {
	raw, err := os.ReadFile(filepath.Join(dir, "sandbox.url"))
	require.NoError(t, err)
	url := strings.TrimSpace(string(raw)) + "/sandbox/corps/demo/actions/customer-adds"
	var fired, next atomic.Int64
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i := next.Add(1); i <= int64(burst) && !stop(); i = next.Add(1) {
				body := fmt.Sprintf(`{"userid":"guide%02d%02d","name":"压测客户%d"}`, 1+i%4, 1+i%3, i)
				resp, err := http.Post(url, "application/json", bytes.NewBufferString(body))
				if err != nil {
					return
				}
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					fired.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return int(fired.Load())
}

const addKind = "change_external_contact/add_external_contact"

// appliedAdds counts the add events Siyu applied.
func appliedAdds(t *testing.T, d *db.DB) int {
	var n int
	require.NoError(t, d.SQL().QueryRow("SELECT COUNT(*) FROM wecom_events WHERE kind = ? AND status = 'applied'", addKind).Scan(&n))
	return n
}

// onboarded counts the applied adds with a row in table (assignments or
// welcome_sends) under their event key.
func onboarded(t *testing.T, d *db.DB, table string) int {
	var n int
	require.NoError(t, d.SQL().QueryRow("SELECT COUNT(DISTINCT e.dedupe_key) FROM wecom_events e JOIN "+table+
		" x ON x.corp_id = e.corp_id AND x.event_key = e.dedupe_key WHERE e.kind = ? AND e.status = 'applied'", addKind).Scan(&n))
	return n
}

// twice counts event keys with more than one decision or welcome record.
func twice(t *testing.T, d *db.DB) int {
	var n int
	require.NoError(t, d.SQL().QueryRow(`SELECT (SELECT COUNT(*) FROM (SELECT event_key FROM assignments GROUP BY corp_id, event_key HAVING COUNT(*) > 1) a)
		+ (SELECT COUNT(*) FROM (SELECT event_key FROM welcome_sends GROUP BY corp_id, event_key HAVING COUNT(*) > 1) w)`).Scan(&n))
	return n
}
