package directory_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/directory"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
)

// The reconcile syncs a corp as soon as it is registered, then once per
// period; revives a run whose task went silent; and waits before retrying
// one that failed.
func TestReconcileSchedulesFullSyncs(t *testing.T) {
	for _, driver := range []string{config.DriverSQLite, config.DriverMySQL} {
		t.Run(driver, func(t *testing.T) {
			s := startSiyu(t, driver, config.RedisEmbedded)
			require.NoError(t, s.sc.SeedDemo())
			ctx, p, now := context.Background(), directory.DefaultReconcilePolicy(), time.Now().UTC()

			runs, err := s.dir.Reconcile(ctx, p, now)
			require.NoError(t, err)
			require.Len(t, runs, 1, "a corp never synced is due at once")
			first := runs[0]
			assert.Equal(t, s.corp.ID, first.CorpID)

			runs, err = s.dir.Reconcile(ctx, p, now)
			require.NoError(t, err)
			assert.Empty(t, runs, "a run making progress is left alone")
			runs, err = s.dir.Reconcile(ctx, p, now.Add(p.StallAfter+time.Minute))
			require.NoError(t, err)
			require.Len(t, runs, 1, "a silent run is handed back to be queued again")
			assert.Equal(t, first.ID, runs[0].ID, "the same run, not a second one")

			done := runSync(t, s, first.ID)
			assertDirectory(t, s)
			runs, err = s.dir.Reconcile(ctx, p, done.FinishedAt.Add(p.Every-time.Minute))
			require.NoError(t, err)
			assert.Empty(t, runs, "not due before the period is over")
			runs, err = s.dir.Reconcile(ctx, p, done.FinishedAt.Add(p.Every+time.Minute))
			require.NoError(t, err)
			require.Len(t, runs, 1, "due again once the period is over")
			second := runs[0]
			assert.NotEqual(t, first.ID, second.ID)

			require.NoError(t, s.dir.FailSync(ctx, second.ID, errors.New("40001 invalid secret")))
			failed, err := db.NewDirectoryStore(s.db).FindSync(ctx, second.ID)
			require.NoError(t, err)
			assert.Equal(t, app.SyncFailed, failed.Status)
			assert.Contains(t, failed.LastError, "40001")
			always := p // due by period at any time: only the pause holds it back
			always.Every = time.Nanosecond
			at := failed.FinishedAt.Add(p.RetryAfter - time.Minute)
			runs, err = s.dir.Reconcile(ctx, always, at)
			require.NoError(t, err)
			assert.Empty(t, runs, "a failed corp is not retried at once")
			runs, err = s.dir.Reconcile(ctx, always, at.Add(2*time.Minute))
			require.NoError(t, err)
			assert.Len(t, runs, 1, "and is retried after the pause")
		})
	}
}

// The scheduled task is what starts a newly registered corp's first sync.
func TestReconcileTaskSyncsANewCorp(t *testing.T) {
	s := startSiyu(t, config.DriverSQLite, config.RedisEmbedded)
	require.NoError(t, s.sc.SeedDemo())
	ctx := context.Background()
	_, err := s.queue.EnqueueContext(ctx, tasks.NewReconcileTask())
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		states, err := db.NewDirectoryStore(s.db).SyncStates(ctx)
		return err == nil && len(states) == 1 && states[0].LastDone != nil
	}, time.Minute, 50*time.Millisecond)
	assertDirectory(t, s)
}

// A sync WeCom refuses for good (a wrong secret) ends as failed with the
// reason, instead of staying "running" to be revived forever.
func TestSyncWithAWrongSecretFails(t *testing.T) {
	s := startSiyu(t, config.DriverSQLite, config.RedisEmbedded)
	ctx := context.Background()
	s.corp.ContactSecret = "not-the-secret"
	require.NoError(t, db.NewCorpStore(s.db, testkit.Box(t)).UpdateCorpCredentials(ctx, s.corp))
	run, _, err := s.dir.StartSync(ctx, s.corp.ID)
	require.NoError(t, err)
	require.NoError(t, s.enq.EnqueueSync(ctx, run))
	require.Eventually(t, func() bool {
		r, err := db.NewDirectoryStore(s.db).FindSync(ctx, run.ID)
		return err == nil && r.Status == app.SyncFailed && strings.Contains(r.LastError, "Secret")
	}, 30*time.Second, 50*time.Millisecond)
}
