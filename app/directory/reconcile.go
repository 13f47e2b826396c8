package directory

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// ReconcilePolicy says how often each corp's directory is pulled in full
// from WeCom to repair drift (callbacks WeCom never delivered, changes made
// before Siyu was connected), and when a run counts as stalled.
type ReconcilePolicy struct {
	// Every is the time between successful full syncs of a corp.
	Every time.Duration
	// RetryAfter is the least time between a run's end (or start) and the
	// next start, so a corp whose syncs keep failing (a revoked secret) is
	// not hammered.
	RetryAfter time.Duration
	// StallAfter is how long a running sync may go without progress before
	// its next task is queued again (Redis lost it, or it is parked in a
	// long retry).
	StallAfter time.Duration
}

// DefaultReconcilePolicy reconciles daily, retries failures after 15
// minutes and revives runs silent for 5 minutes (a sync page takes
// seconds, and a task hands over every 20 s).
func DefaultReconcilePolicy() ReconcilePolicy {
	return ReconcilePolicy{Every: 24 * time.Hour, RetryAfter: 15 * time.Minute, StallAfter: 5 * time.Minute}
}

// Reconcile starts a full sync for every corp that is due one (never
// synced — a corp just added — or last synced longer ago than p.Every) and
// returns the runs whose next task the caller must queue: the new ones and
// those that stalled. Queuing a run whose task still exists is harmless
// (the task id is the run and step).
func (s *Service) Reconcile(ctx context.Context, p ReconcilePolicy, now time.Time) ([]*app.SyncRun, error) {
	states, err := s.st.SyncStates(ctx)
	if err != nil {
		return nil, err
	}
	var runs []*app.SyncRun
	for _, st := range states {
		switch {
		case st.Running != nil && now.Sub(st.Running.UpdatedAt) > p.StallAfter:
			s.Log.Warn("wecom sync stalled; queueing it again", "run", st.Running.ID, "corp", st.CorpID, "phase", st.Running.Phase)
			runs = append(runs, st.Running)
		case st.Running == nil && due(st, p, now):
			run, started, err := s.StartSync(ctx, st.CorpID)
			if err != nil {
				return runs, err
			}
			if started {
				s.Log.Info("wecom reconcile: full sync started", "run", run.ID, "corp", st.CorpID)
			}
			runs = append(runs, run)
		}
	}
	return runs, nil
}

func due(st app.SyncState, p ReconcilePolicy, now time.Time) bool {
	if st.LastAttempt != nil && now.Sub(*st.LastAttempt) < p.RetryAfter {
		return false
	}
	return st.LastDone == nil || now.Sub(*st.LastDone) >= p.Every
}
