package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// A worker+scheduler instance, which serves only probes and metrics,
// names itself in siyu_instance_info, counts the tasks it ran and the
// periods it fired, and shows its clock's skew from Redis's; its clock 2
// minutes off fails /readyz naming the skew. An api+scheduler instance
// with the same clock keeps answering ready: the api must not stop for it.
func TestInstanceMetricsAndSchedulerClock(t *testing.T) {
	skewed := func() time.Time { return time.Now().Add(2 * time.Minute) }
	p, w := startRoles(t, []string{roleWorker, roleScheduler}, skewed)
	var page string
	require.Eventually(t, func() bool {
		page = getBody(t, p.base+"/metrics")
		return regexp.MustCompile(`siyu_tasks_processed_total\{outcome="success",type="wecom:relay"\} [1-9]`).MatchString(page) &&
			regexp.MustCompile(`siyu_scheduler_periods_total\{result="enqueued",type="wecom:relay"\} [1-9]`).MatchString(page)
	}, 20*time.Second, 100*time.Millisecond, "the worker ran and the scheduler fired the relay")
	host, _ := os.Hostname()
	assert.Contains(t, page, fmt.Sprintf(`siyu_instance_info{host=%q,pid="%d",roles="worker,scheduler",version=%q} 1`, host, os.Getpid(), version))
	skew := regexp.MustCompile(`(?m)^siyu_scheduler_clock_skew_seconds (\S+)$`).FindStringSubmatch(page)
	require.Len(t, skew, 2, "the skew is exported")
	seconds, err := strconv.ParseFloat(skew[1], 64)
	require.NoError(t, err)
	assert.InDelta(t, 120, seconds, 5)

	code, checks := readyzChecks(t, p.base)
	assert.Equal(t, http.StatusServiceUnavailable, code)
	assert.Contains(t, checks["scheduler_clock"], "调度器时钟与 Redis 相差 2m0")
	assert.Contains(t, checks["scheduler_clock"], "scheduler.max_clock_skew 30s")
	assert.Equal(t, "ok", checks["redis"])
	require.NoError(t, p.shutdown(w))

	p, w = startRoles(t, []string{roleAPI, roleScheduler}, skewed)
	defer p.shutdown(w)
	code, checks = readyzChecks(t, p.base)
	assert.Equal(t, http.StatusOK, code, "%v", checks)
	assert.NotContains(t, checks, "scheduler_clock")
	assert.Contains(t, getBody(t, p.base+"/metrics"), `roles="api,scheduler"`)
}

// startRoles starts a process of roles on SQLite and its own miniredis,
// the scheduler's clock reading clock, with a 1 s tick.
func startRoles(t *testing.T, roles []string, clock func() time.Time) (*process, *wiring) {
	cfg, err := config.Load("", nil)
	require.NoError(t, err)
	cfg.Database = testkit.DatabaseConfig(t, config.DriverSQLite)
	cfg.Database.AutoMigrate = true
	cfg.Redis = config.Redis{Mode: config.RedisStandalone, Addr: miniredis.RunT(t).Addr()}
	cfg.Security.SecretKey, cfg.Sandbox.Demo = testSecretKey, false
	cfg.HTTP.Addr, cfg.Scheduler.Tick = "127.0.0.1:0", time.Second
	w, err := build(context.Background(), cfg, testkit.Logger(t))
	require.NoError(t, err)
	w.schedulerClock = clock
	p, err := start(w, roles, io.Discard)
	require.NoError(t, err)
	return p, w
}

func getBody(t *testing.T, url string) string {
	res, err := http.Get(url)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return string(b)
}

func readyzChecks(t *testing.T, base string) (int, map[string]string) {
	res, err := http.Get(base + "/readyz")
	require.NoError(t, err)
	defer res.Body.Close()
	var body struct{ Checks map[string]string }
	require.NoError(t, json.NewDecoder(res.Body).Decode(&body))
	return res.StatusCode, body.Checks
}
