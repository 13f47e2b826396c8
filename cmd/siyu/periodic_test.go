package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
)

// Test-only settings of a child process: its scheduler's clock set off by
// a duration, and a ledger of the periodic tasks its worker ran.
const (
	clockSkewEnv = "SIYU_TEST_CLOCK_SKEW"
	ledgerEnv    = "SIYU_TEST_PERIODIC_LEDGER"
)

// registerPeriodicTest applies those settings to a child's wiring. The
// ledger is a middleware on the real mux: the real handlers run, and each
// run of a periodic task (its id starts "periodic:") adds a row.
func registerPeriodicTest(w *wiring) {
	if skew, err := time.ParseDuration(os.Getenv(clockSkewEnv)); err == nil {
		w.schedulerClock = func() time.Time { return time.Now().Add(skew) }
	}
	if os.Getenv(ledgerEnv) == "" {
		return
	}
	w.Mux.Use(func(next asynq.Handler) asynq.Handler {
		return asynq.HandlerFunc(func(ctx context.Context, t *asynq.Task) error {
			err := next.ProcessTask(ctx, t)
			if id, _ := asynq.GetTaskID(ctx); strings.HasPrefix(id, "periodic:") {
				_, lerr := w.db.SQL().ExecContext(ctx, "INSERT INTO test_periodic_runs (task_id, ok) VALUES (?, ?)", id, err == nil)
				err = errors.Join(err, lerr)
			}
			return err
		})
	})
}

// periodicTick is the test's scheduler.tick: 20 periods of the minute
// sweeps take 20 seconds.
const periodicTick = time.Second

// TestPeriodicOncePerPeriod is issue 16's acceptance test: three real
// `siyu serve --roles scheduler` processes, their clocks 400 ms apart, and
// one worker run the whole schedule with a 1 s tick on MariaDB and Redis.
// After 10 periods the scheduler whose clock runs ahead, the one that
// wins every period, is SIGKILLed. Over the 20 periods every "@every"
// entry ran exactly once in each of its own periods (every second for the
// minute sweeps, every 3, 5, 10, 15 s for the longer passes), as the
// worker's ledger shows: none missing, none twice, none off its grid,
// computed here from plain whole seconds (Shanghai's offset is whole
// hours, so each grid is multiples of its period since the epoch). The
// nights fire through the same code; TestEveryEntryHasAPeriodID checks
// their ids.
func TestPeriodicOncePerPeriod(t *testing.T) {
	t.Parallel()
	dbCfg := testkit.DatabaseConfig(t, config.DriverMySQL)
	redisCfg := testkit.RedisConfig(t, config.RedisStandalone)
	d := testkit.OpenDB(t, dbCfg)
	_, err := d.SQL().Exec("CREATE TABLE test_periodic_runs (seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, task_id VARCHAR(128) NOT NULL, ok BOOLEAN NOT NULL)")
	require.NoError(t, err)
	env := append(configEnv(dbCfg, redisCfg), "SIYU_SCHEDULER_TICK="+periodicTick.String(), "SIYU_TIMEZONE=Asia/Shanghai")
	began := time.Now()
	worker := startProc(t, append(env, ledgerEnv+"=1"), "serve", "--roles", "worker")
	var scheds []*proc
	for _, skew := range []string{"400ms", "0s", "-400ms"} {
		scheds = append(scheds, startProc(t, append(env, clockSkewEnv+"="+skew), "serve", "--roles", "scheduler"))
	}
	first := time.Now().Truncate(periodicTick).Add(2 * periodicTick)
	last := first.Add(19 * periodicTick)
	// The one ahead fires each period 400 ms early: killed half a tick
	// before the 11th period, it has fired the first 10.
	time.Sleep(time.Until(first.Add(10*periodicTick - periodicTick/2)))
	require.NoError(t, scheds[0].cmd.Process.Signal(syscall.SIGKILL))
	<-scheds[0].done
	time.Sleep(time.Until(last.Add(periodicTick)))
	for _, s := range scheds[1:] {
		require.Equal(t, 0, s.stop(t, syscall.SIGTERM))
	}
	conn := asynq.RedisClientOpt{Addr: redisCfg.Addr, DB: redisCfg.DB}
	require.Eventually(t, func() bool { return queuesIdle(t, conn) }, 60*time.Second, 50*time.Millisecond, "the worker ran every task queued")
	require.Equal(t, 0, worker.stop(t, syscall.SIGTERM))

	runs := periodicRuns(t, d.SQL())
	grids := periodicGrids(began.Add(-time.Minute), time.Now().Add(time.Minute))
	for id, n := range runs {
		assert.Equal(t, 1, n, "%s ran once", id)
		if !ofNight(id) { // a night's, fired by a start just after it
			assert.Contains(t, grids, id, "a run of a period on its entry's grid")
		}
	}
	table := tabulate(runs, scheds, first)
	for _, row := range table.rows {
		for k, n := range row.runs {
			if n >= 0 {
				assert.Equal(t, 1, n, "%s in period %d", row.name, k+1)
			}
		}
	}
	testkit.Report(t, "tick %s, 3 schedulers (clocks +400 ms, 0, -400 ms), the first SIGKILLed after period 10; runs per period (· = not one of the entry's periods):\n%s",
		periodicTick, table)
}

// queuesIdle reports whether no task waits, runs or is to be retried.
func queuesIdle(t *testing.T, conn asynq.RedisConnOpt) bool {
	insp := asynq.NewInspector(conn)
	defer insp.Close()
	for _, q := range []string{tasks.QueueDefault, tasks.QueueLow} {
		info, err := insp.GetQueueInfo(q)
		if err != nil {
			return false
		}
		if info.Pending+info.Active+info.Scheduled+info.Retry > 0 {
			return false
		}
	}
	return true
}

// periodicRuns counts the ledger's runs by task id; a failed run fails
// the test.
func periodicRuns(t *testing.T, db *sql.DB) map[string]int {
	rows, err := db.Query("SELECT task_id, ok FROM test_periodic_runs")
	require.NoError(t, err)
	defer rows.Close()
	runs := map[string]int{}
	for rows.Next() {
		var id string
		var ok bool
		require.NoError(t, rows.Scan(&id, &ok))
		assert.True(t, ok, "%s succeeded", id)
		runs[id]++
	}
	require.NoError(t, rows.Err())
	return runs
}

// periodicGrids are the ids of every period of every "@every" entry whose
// start lies in [from, to].
func periodicGrids(from, to time.Time) map[string]bool {
	ids := map[string]bool{}
	for _, p := range tasks.Schedule(periodicTick) {
		period, ok := everyPeriod(p)
		for sec := from.Unix(); ok && sec <= to.Unix(); sec++ {
			if sec%period == 0 {
				ids[tasks.PeriodID(p.Task.Type(), time.Unix(sec, 0))] = true
			}
		}
	}
	return ids
}

// ofNight reports whether id is a period of an entry other than "@every"
// (a night's).
func ofNight(id string) bool {
	for _, p := range tasks.Schedule(periodicTick) {
		if _, every := everyPeriod(p); !every && strings.HasPrefix(id, "periodic:"+p.Task.Type()+":") {
			return true
		}
	}
	return false
}

// everyPeriod is an "@every" entry's period in whole seconds.
func everyPeriod(p tasks.Periodic) (int64, bool) {
	s, ok := strings.CutPrefix(p.Cron, "@every ")
	d, err := time.ParseDuration(s)
	return int64(d / time.Second), ok && err == nil && d >= time.Second
}

// periodRow is one entry's runs in each of the 20 periods (-1 where the
// entry has no period starting).
type periodRow struct {
	name string
	runs [20]int
}

// periodTable is the printed table: the schedulers that fired each
// period (from their logs), then a row per entry.
type periodTable struct {
	fired [20]int
	rows  []periodRow
	other []string
}

// tabulate reads the 20 periods from first in the ledger's runs and the
// schedulers' logs.
func tabulate(runs map[string]int, scheds []*proc, first time.Time) periodTable {
	var tab periodTable
	for k := range 20 {
		id := tasks.PeriodID(tasks.TypeWeComRelay, first.Add(time.Duration(k)*periodicTick))
		for _, s := range scheds {
			if firedLine(id).MatchString(s.stderr.String()) {
				tab.fired[k]++
			}
		}
	}
	for _, p := range tasks.Schedule(periodicTick) {
		period, ok := everyPeriod(p)
		if !ok {
			tab.other = append(tab.other, p.Task.Type()+" ("+p.Cron+")")
			continue
		}
		row := periodRow{name: p.Task.Type()}
		for k := range 20 {
			start := first.Add(time.Duration(k) * periodicTick)
			row.runs[k] = -1
			if start.Unix()%period == 0 {
				row.runs[k] = runs[tasks.PeriodID(p.Task.Type(), start)]
			}
		}
		tab.rows = append(tab.rows, row)
	}
	return tab
}

// firedLine matches a scheduler's log of its enqueue of the task id, won
// or refused.
func firedLine(id string) *regexp.Regexp {
	return regexp.MustCompile(`msg="periodic task (already )?enqueued".* task_id=` + regexp.QuoteMeta(id) + `(\s|$)`)
}

func (tab periodTable) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-22s", "period")
	for k := range 20 {
		fmt.Fprintf(&b, "%3d", k+1)
	}
	fmt.Fprintf(&b, "\n%-22s", "schedulers firing")
	for _, n := range tab.fired {
		fmt.Fprintf(&b, "%3d", n)
	}
	for _, r := range tab.rows {
		fmt.Fprintf(&b, "\n%-22s", r.name)
		for _, n := range r.runs {
			if n < 0 {
				fmt.Fprintf(&b, "%3s", "·")
			} else {
				fmt.Fprintf(&b, "%3d", n)
			}
		}
	}
	fmt.Fprintf(&b, "\nnot due in the run: %s", strings.Join(tab.other, ", "))
	return b.String()
}
