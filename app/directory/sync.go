package directory

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// syncCursor is where a full sync stands inside its phase: which chunk of
// members, and WeCom's cursor within it. Step counts pages, to name tasks.
type syncCursor struct {
	Step   int    `json:"step"`
	Chunk  int    `json:"chunk"`
	Cursor string `json:"cursor"`
}

// chunkSize is how many members one batch/get_by_user or groupchat/list
// call covers: WeCom's maximum for both.
const chunkSize = 100

// StartSync starts a full sync of corpID, or returns the one under way
// (started reports which).
func (s *Service) StartSync(ctx context.Context, corpID int64) (run *app.SyncRun, started bool, err error) {
	return s.st.CreateSync(ctx, corpID)
}

// SyncStep reads and writes the next page of run, saving the cursor with
// the page, and reports whether the run has finished. After a crash the
// same call picks up from the saved cursor; rewriting a page is harmless.
func (s *Service) SyncStep(ctx context.Context, runID int64) (*app.SyncRun, bool, error) {
	run, err := s.st.FindSync(ctx, runID)
	if err != nil || run.Status != app.SyncRunning {
		return run, true, err
	}
	var cur syncCursor
	if err := json.Unmarshal([]byte(run.CursorJSON), &cur); err != nil {
		return run, false, app.Wrap(app.EINVALID, err, "同步游标无法读取")
	}
	cli, err := s.Clients.Client(ctx, run.CorpID)
	if err != nil {
		return run, false, err
	}
	cur.Step++
	step := map[string]func(context.Context, WeCom, *app.SyncRun, *syncCursor) error{
		app.SyncPhaseStaff: s.syncStaff, app.SyncPhaseCustomers: s.syncCustomers, app.SyncPhaseGroups: s.syncGroups,
		app.SyncPhaseTags: s.syncTags, app.SyncPhaseSweep: s.syncSweep,
	}[run.Phase]
	if step == nil {
		return run, false, app.Errorf(app.EINVALID, "未知的同步阶段 %q", run.Phase)
	}
	if err := step(ctx, cli, run, &cur); err != nil {
		return run, false, fmt.Errorf("sync %d %s: %w", run.ID, run.Phase, err)
	}
	return run, run.Status != app.SyncRunning, nil
}

// FailSync ends run as failed with cause, unless it already ended.
func (s *Service) FailSync(ctx context.Context, runID int64, cause error) error {
	run, err := s.st.FindSync(ctx, runID)
	if err != nil || run.Status != app.SyncRunning {
		return err
	}
	now := time.Now().UTC()
	run.Status, run.FinishedAt, run.LastError = app.SyncFailed, &now, cause.Error()
	s.Log.Error("wecom sync failed", "run", run.ID, "corp", run.CorpID, "phase", run.Phase, "err", cause)
	return s.st.SaveSync(ctx, run)
}

// save writes a page and the run's progress in one transaction.
func (s *Service) save(ctx context.Context, run *app.SyncRun, cur syncCursor, write func(context.Context) error) error {
	b, _ := json.Marshal(cur)
	run.CursorJSON = string(b)
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := write(ctx); err != nil {
			return err
		}
		return s.st.SaveSync(ctx, run)
	})
}

// next moves run to phase with a fresh cursor.
func next(run *app.SyncRun, cur *syncCursor, phase string) {
	run.Phase = phase
	*cur = syncCursor{Step: cur.Step}
}

func (s *Service) report(run *app.SyncRun, phase string, items int) {
	if s.Progress != nil {
		s.Progress.SyncPage(phase, items)
	}
	s.Log.Info("wecom sync page", "run", run.ID, "corp", run.CorpID, "phase", phase, "items", items,
		"customers", run.Customers, "follows", run.Follows, "groups", run.GroupsSeen)
}

func epoch() time.Time { return time.Unix(0, 0).UTC() }
