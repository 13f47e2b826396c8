package main

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
)

// ledgerRun is the workers' ledger of one periodic task id: how often it
// ran to the end, how often it failed (a failed pass is retried within
// its period), and when it last ended.
type ledgerRun struct {
	runs, failed int
	last         time.Time
}

// checkPeriodic checks, from the workers' ledger, that every period of
// every "@every" entry starting in [first, last] ran to the end, and that
// a period ran to the end twice only where a worker was SIGKILLed between
// its start and its second run's end (asynq hands a dead worker's task on
// once its lease runs out). Two kinds of period may not run, and are
// counted and printed instead: one whose every enqueue fell while the
// queue's Redis primary was dead (the schedulers retry within the
// period's catch-up, lastTry: a period whose last try comes after the
// replica took over must run), and one whose pass a SIGKILLed worker held
// past the pass's deadline (asynq hands the task back 30 s or more after
// the kill, and archives it then: the README's "a worker killed
// mid-task"). Any other period not run fails the drill.
func (w *drill) checkPeriodic(t *testing.T, c *chaosLog, first, last time.Time) {
	ledger, archived := w.ledger(t), w.archived(t)
	// The schedulers' clients see the replica up to a slot-map refresh
	// (1 s) after the test's own: a second more of slack.
	outage := func(pd drillPeriod) bool {
		return !pd.start.Before(c.redisKilled.Add(-periodicTick)) && lastTry(pd).Before(c.redisBack.Add(2*time.Second))
	}
	killedIn := func(from, to time.Time) bool {
		return slices.ContainsFunc(w.fleet.killedWorkers, func(k time.Time) bool { return !k.Before(from) && !k.After(to) })
	}
	var periods, skipped, cut, failed int
	var missing, twice []string
	for id, pd := range drillPeriods(first, last) {
		run := ledger[id]
		_, wasArchived := archived[id]
		switch {
		case run.runs == 0 && outage(pd):
			skipped++
		case run.runs == 0 && wasArchived && killedIn(pd.start, pd.deadline):
			cut++
		case run.runs == 0:
			missing = append(missing, id)
		}
		periods++
		failed += run.failed
		if run.runs > 1 {
			twice = append(twice, id)
			assert.True(t, killedIn(pd.start, run.last), "%s ran %d times with no worker killed in between", id, run.runs)
		}
	}
	sort.Strings(missing)
	sort.Strings(twice)
	for i, id := range missing {
		if why, ok := archived[id]; ok {
			missing[i] += " (archived: " + why + ")"
		}
	}
	assert.Empty(t, missing, "every period ran")
	testkit.Report(t, "periodic: %d periods of the @every entries from %s to %s, %d not run whose every enqueue fell while the Redis primary was down and %d whose pass a killed worker held past its deadline (neither required), %d runs failed (and retried); ran twice: %v",
		periods, first.Format("15:04:05"), last.Format("15:04:05"), skipped, cut, failed, twice)
}

// drillPeriod is one period of an "@every" entry: its start, length, and
// its pass's deadline (the end of the period after it, a minute from the
// start at the least: tasks/period.go).
type drillPeriod struct {
	start, deadline time.Time
	length          time.Duration
}

// lastTry is when the schedulers last try to enqueue pd while Redis
// refuses: again 1 s, 2 s, 4 s … after each refusal, while the period's
// catch-up (half its length) lasts (tasks.Scheduler.fire).
func lastTry(pd drillPeriod) time.Time {
	var at time.Duration
	for wait := time.Second; at+wait <= pd.length/2; wait *= 2 {
		at += wait
	}
	return pd.start.Add(at)
}

// drillPeriods are the ids of the periods of every "@every" entry
// starting in [first, last].
func drillPeriods(first, last time.Time) map[string]drillPeriod {
	out := map[string]drillPeriod{}
	for _, p := range tasks.Schedule(periodicTick) {
		period, ok := everyPeriod(p)
		for sec := first.Unix(); ok && sec <= last.Unix(); sec++ {
			if sec%period == 0 {
				start, length := time.Unix(sec, 0), time.Duration(period)*time.Second
				out[tasks.PeriodID(p.Task.Type(), start)] = drillPeriod{start: start, deadline: start.Add(max(2*length, time.Minute)), length: length}
			}
		}
	}
	return out
}

// ledger reads the workers' ledger by task id.
func (w *drill) ledger(t *testing.T) map[string]ledgerRun {
	out := map[string]ledgerRun{}
	for _, r := range w.rows(t, "SELECT task_id, ok, UNIX_TIMESTAMP(at) FROM test_periodic_runs ORDER BY seq") {
		run := out[r[0]]
		if r[1] == "1" {
			run.runs++
		} else {
			run.failed++
		}
		sec, err := strconv.ParseFloat(r[2], 64)
		require.NoError(t, err)
		run.last = time.UnixMilli(int64(sec * 1000))
		out[r[0]] = run
	}
	return out
}

// archived are the periodic tasks asynq archived (out of retries, or a
// pass not retried whose worker died), with their last errors.
func (w *drill) archived(t *testing.T) map[string]string {
	insp := asynq.NewInspector(kv.ClusterConn{Addrs: w.cluster.Addrs})
	defer insp.Close()
	out := map[string]string{}
	for _, q := range []string{tasks.QueueDefault, tasks.QueueLow} {
		infos, err := insp.ListArchivedTasks(q, asynq.PageSize(1000))
		if err != nil {
			continue // a queue never used
		}
		for _, info := range infos {
			if strings.HasPrefix(info.ID, "periodic:") {
				out[info.ID] = info.LastErr
			}
		}
	}
	return out
}
