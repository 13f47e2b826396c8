package directory_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// TestFullSyncMirrorsSandbox seeds a corp in the sandbox without callbacks
// (a corp connected to Siyu after years of use), plants drift in Siyu, and
// checks a full sync makes Siyu equal the sandbox and reports the drift.
func TestFullSyncMirrorsSandbox(t *testing.T) {
	for _, tc := range []struct{ driver, redis string }{
		{config.DriverSQLite, config.RedisEmbedded}, {config.DriverMySQL, config.RedisStandalone},
	} {
		t.Run(tc.driver, func(t *testing.T) {
			s := startSiyu(t, tc.driver, tc.redis)
			require.NoError(t, s.sc.SeedDemo())
			plantDrift(t, s)
			run := runSync(t, s, 0)
			assertDirectory(t, s)
			var drift map[string]int
			require.NoError(t, json.Unmarshal([]byte(run.DriftJSON), &drift))
			assert.Equal(t, map[string]int{"follows_ended": 1, "groups_dismissed": 1}, drift, "the planted drift was found and repaired")
			assert.Equal(t, len(s.sc.Snapshot().Follows), run.Follows)
		})
	}
}

// A sync picks up where it stopped: half of it runs in one "process",
// the rest in another, with WeCom answering 45009 to a third of the pages.
func TestFullSyncResumesAndRidesOutRateLimits(t *testing.T) {
	s := startSiyu(t, config.DriverMySQL, config.RedisStandalone)
	_, err := s.sc.SeedBulk(sandbox.Bulk{Members: 30, Customers: 3000, Tags: 5})
	require.NoError(t, err)
	s.sc.InjectFault("externalcontact/batch/get_by_user", sandbox.Fault{ErrCode: 45009, Probability: 0.3})
	ctx := context.Background()
	run, started, err := s.dir.StartSync(ctx, s.corp.ID)
	require.NoError(t, err)
	require.True(t, started)
	for range 10 {
		_, done, err := s.dir.SyncStep(ctx, run.ID)
		require.NoError(t, err)
		require.False(t, done)
	}
	again, started, err := s.dir.StartSync(ctx, s.corp.ID)
	require.NoError(t, err)
	assert.False(t, started, "a second start joins the run under way")
	assert.Equal(t, run.ID, again.ID)

	runSync(t, s, run.ID)
	assertDirectory(t, s)
	assert.NotEmpty(t, s.sc.CallsTo("externalcontact/batch/get_by_user"))
	limited := 0
	for _, c := range s.sc.CallsTo("externalcontact/batch/get_by_user") {
		if c.ErrCode == 45009 {
			limited++
		}
	}
	assert.Positive(t, limited, "WeCom did push back")
}

// TestSyncThroughTheQueue runs the sync as the worker does.
func TestSyncThroughTheQueue(t *testing.T) {
	s := startSiyu(t, config.DriverSQLite, config.RedisEmbedded)
	require.NoError(t, s.sc.SeedDemo())
	ctx := context.Background()
	run, _, err := s.dir.StartSync(ctx, s.corp.ID)
	require.NoError(t, err)
	require.NoError(t, s.enq.EnqueueSync(ctx, run))
	require.Eventually(t, func() bool {
		r, err := db.NewDirectoryStore(s.db).FindSync(ctx, run.ID)
		return err == nil && r.Status == app.SyncDone
	}, time.Minute, 50*time.Millisecond)
	assertDirectory(t, s)
}

// runSync starts (id 0) or continues a run and steps it to the end.
func runSync(t testing.TB, s *siyu, id int64) *app.SyncRun {
	ctx := context.Background()
	if id == 0 {
		run, _, err := s.dir.StartSync(ctx, s.corp.ID)
		require.NoError(t, err)
		id = run.ID
	}
	for range 100_000 {
		run, done, err := s.dir.SyncStep(ctx, id)
		require.NoError(t, err)
		if done {
			require.Equal(t, app.SyncDone, run.Status)
			return run
		}
	}
	t.Fatal("sync did not finish")
	return nil
}

// plantDrift puts in Siyu a relation and a group WeCom does not have.
func plantDrift(t *testing.T, s *siyu) {
	ctx := context.Background()
	d := db.NewDirectoryStore(s.db)
	added := time.Unix(1700000000, 0).UTC()
	require.NoError(t, d.UpsertFollows(ctx, []app.Follow{{CorpID: s.corp.ID, UserID: "gone_guide", ExternalUserID: "wm_gone", AddTime: &added}}))
	require.NoError(t, d.SyncGroup(ctx, &app.Group{CorpID: s.corp.ID, ChatID: "wr_gone", Name: "已解散"}, nil, added))
}

// A run whose saved cursor cannot be read is not restarted silently at
// its first step: its task ends it as failed with the reason, so the
// reconcile starts a fresh one.
func TestCorruptCursorFailsTheRun(t *testing.T) {
	s := startSiyu(t, config.DriverSQLite, config.RedisEmbedded)
	ctx := context.Background()
	run, _, err := s.dir.StartSync(ctx, s.corp.ID)
	require.NoError(t, err)
	_, err = s.db.SQL().Exec("UPDATE wecom_syncs SET cursor_json = '{broken' WHERE id = ?", run.ID)
	require.NoError(t, err)
	run.CursorJSON = "{broken"
	require.NoError(t, s.enq.EnqueueSync(ctx, run))
	require.Eventually(t, func() bool {
		got, err := db.NewDirectoryStore(s.db).FindSync(ctx, run.ID)
		return err == nil && got.Status == app.SyncFailed
	}, 20*time.Second, 20*time.Millisecond)
	got, err := db.NewDirectoryStore(s.db).FindSync(ctx, run.ID)
	require.NoError(t, err)
	assert.Contains(t, got.LastError, "同步游标无法读取")
}

// A full sync reads the names WeCom shows for members (guides without a
// name of their own in Siyu are shown by it), and picks up a rename. A
// member outside the app's visible range is skipped and the others are
// still read; where WeCom refuses the app member reads altogether, the
// sync still completes, asks one member per chunk, and keeps the names it
// had.
func TestFullSyncReadsMemberNames(t *testing.T) {
	s := startSiyu(t, config.DriverSQLite, config.RedisEmbedded)
	require.NoError(t, s.sc.SeedDemo())
	want, ids := map[string]string{}, []string{}
	for _, m := range s.sc.Snapshot().Members {
		if m.ContactEnabled && !m.Resigned && m.Name != "" {
			want[m.UserID], ids = m.Name, append(ids, m.UserID)
		}
	}
	require.Greater(t, len(ids), 2)
	slices.Sort(ids) // the order the sync asks in
	names := func() map[string]string {
		got, err := db.NewDirectoryStore(s.db).StaffNames(context.Background(), s.corp.ID, ids)
		require.NoError(t, err)
		return got
	}
	runSync(t, s, 0)
	assert.Equal(t, want, names(), "every contact member's name, as WeCom shows it")

	for _, m := range s.sc.Snapshot().Members {
		if m.UserID == ids[0] || m.UserID == ids[1] {
			m.Name += "（新）"
			require.NoError(t, s.sc.AddMember(m))
		}
	}
	s.sc.InjectFault("user/get", sandbox.Fault{ErrCode: 60011, Times: 1}) // the first member asked is out of range
	before := len(s.sc.CallsTo("user/get"))
	runSync(t, s, 0)
	assert.Equal(t, before+len(ids), len(s.sc.CallsTo("user/get")), "every member asked once")
	want[ids[1]] += "（新）"
	assert.Equal(t, want, names(), "a rename reaches Siyu at the next sync; a member out of range keeps the name held")

	s.sc.InjectFault("user/get", sandbox.Fault{ErrCode: 48002})
	before = len(s.sc.CallsTo("user/get"))
	runSync(t, s, 0)
	assert.Equal(t, before+1, len(s.sc.CallsTo("user/get")), "no member asked after WeCom refused the app member reads")
	assert.Equal(t, want, names(), "names read before are kept")
}
