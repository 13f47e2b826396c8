package main

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
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

const slowTask = "test:slow"

// registerTestTasks adds a slow task that logs when it starts and when it
// finishes, so a test can see which runs were cut short by a shutdown,
// and the periodic test's settings (registerPeriodicTest).
func registerTestTasks(w *wiring) {
	registerPeriodicTest(w)
	w.Mux.HandleFunc(slowTask, func(ctx context.Context, t *asynq.Task) error {
		id := string(t.Payload())
		if err := logRun(ctx, w.db.SQL(), id, "start"); err != nil {
			return err
		}
		select {
		case <-time.After(1500 * time.Millisecond):
			return logRun(ctx, w.db.SQL(), id, "done")
		case <-ctx.Done():
			return ctx.Err()
		}
	})
}

func logRun(ctx context.Context, db *sql.DB, id, phase string) error {
	_, err := db.ExecContext(ctx, "INSERT INTO test_runs (id, phase) VALUES (?, ?)", id, phase)
	return err
}

// TestShutdownLosesNoTask stops a real siyu process with SIGTERM while tasks
// are running, then starts it again: every task must end up done, the ones
// cut short included, on the embedded default and on MariaDB + Redis.
func TestShutdownLosesNoTask(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, driver, redis string }{
		{"embedded", config.DriverSQLite, config.RedisEmbedded},
		{"mariadb+redis", config.DriverMySQL, config.RedisStandalone},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dbCfg := testkit.DatabaseConfig(t, tc.driver)
			redisCfg := testkit.RedisConfig(t, tc.redis)
			queueAddr := redisCfg.Addr
			if tc.redis == config.RedisEmbedded {
				redisCfg.EmbeddedAddr = freeAddr(t)
				queueAddr = redisCfg.EmbeddedAddr
			}
			d := testkit.OpenDB(t, dbCfg)
			_, err := d.SQL().Exec("CREATE TABLE test_runs (id VARCHAR(64) NOT NULL, phase VARCHAR(8) NOT NULL)")
			require.NoError(t, err)
			env := append(configEnv(dbCfg, redisCfg), "SIYU_WORKER_CONCURRENCY=3", "SIYU_WORKER_SHUTDOWN_TIMEOUT=300ms")
			conn := asynq.RedisClientOpt{Addr: queueAddr, DB: redisCfg.DB}

			first := startProc(t, env, "serve", "--roles", "worker")
			ids := enqueueSlow(t, conn, 9)
			require.Eventually(t, func() bool { return len(runs(t, d.SQL(), "start")) >= 3 }, 30*time.Second, 20*time.Millisecond)
			require.Equal(t, 0, first.stop(t, syscall.SIGTERM), "clean exit on SIGTERM")

			doneFirst := runs(t, d.SQL(), "done")
			interrupted := without(runs(t, d.SQL(), "start"), doneFirst)
			require.NotEmpty(t, interrupted, "the shutdown must have cut some task short for this test to mean anything")
			if tc.redis != config.RedisEmbedded {
				assertQueued(t, conn, without(ids, doneFirst))
			}

			second := startProc(t, env, "serve", "--roles", "worker")
			require.Eventually(t, func() bool { return len(runs(t, d.SQL(), "done")) == len(ids) }, 60*time.Second, 50*time.Millisecond,
				"every task is done after the restart")
			assert.ElementsMatch(t, ids, runs(t, d.SQL(), "done"))
			require.Equal(t, 0, second.stop(t, syscall.SIGTERM))
		})
	}
}

func enqueueSlow(t *testing.T, conn asynq.RedisConnOpt, n int) []string {
	client := asynq.NewClient(conn)
	defer client.Close()
	var ids []string
	for i := range n {
		id := fmt.Sprintf("slow-%d", i)
		_, err := client.Enqueue(asynq.NewTask(slowTask, []byte(id)), asynq.TaskID(id), asynq.Queue(tasks.QueueDefault))
		require.NoError(t, err)
		ids = append(ids, id)
	}
	return ids
}

// assertQueued checks, with the process stopped, that every task not yet
// done is still in Redis waiting to run: handed back, not lost.
func assertQueued(t *testing.T, conn asynq.RedisConnOpt, ids []string) {
	insp := asynq.NewInspector(conn)
	defer insp.Close()
	for _, id := range ids {
		info, err := insp.GetTaskInfo(tasks.QueueDefault, id)
		require.NoError(t, err, "task %s must still be queued", id)
		assert.Contains(t, []asynq.TaskState{asynq.TaskStatePending, asynq.TaskStateRetry}, info.State, "task %s", id)
	}
}

// runs lists the distinct task ids logged with phase.
func runs(t *testing.T, db *sql.DB, phase string) []string {
	rows, err := db.Query("SELECT DISTINCT id FROM test_runs WHERE phase = ? ORDER BY id", phase)
	require.NoError(t, err)
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		require.NoError(t, rows.Scan(&id))
		ids = append(ids, id)
	}
	return ids
}

func without(all, drop []string) []string {
	var out []string
	for _, s := range all {
		if !slices.Contains(drop, s) {
			out = append(out, s)
		}
	}
	return out
}
