package attribution

import (
	"context"
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

// batchSize is about how many orders one step of a run credits, in one
// transaction.
const batchSize = 1000

// SaveRules saves in as the scope's next rule version and starts the run
// that recomputes every order of the scope under it; earlier versions'
// credit stays.
func (s *Service) SaveRules(ctx context.Context, corpID int64, in RulesInput) (*app.AttributionRules, *app.AttributionRun, error) {
	r, err := in.check(corpID)
	if err != nil {
		return nil, nil, err
	}
	r.CreatedBy = app.Actor(ctx)
	var run *app.AttributionRun
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		before, err := s.current(ctx, corpID, in.Scope)
		if err != nil {
			return err
		}
		if err := s.Store.CreateRules(ctx, r); err != nil {
			return err
		}
		if run, err = s.startRun(ctx, r); err != nil {
			return err
		}
		return s.recordSave(ctx, before, r)
	})
	if err != nil {
		return nil, nil, err
	}
	return r, run, s.Queue.EnqueueAttributionRun(ctx, corpID, run.ID)
}

// startRun records a run over the scope's orders as they are now.
func (s *Service) startRun(ctx context.Context, r *app.AttributionRules) (*app.AttributionRun, error) {
	total, err := s.Store.CountOrders(ctx, r.CorpID, r.Scope)
	if err != nil {
		return nil, err
	}
	run := &app.AttributionRun{CorpID: r.CorpID, RulesID: r.ID, Status: app.RunRunning, Total: total, StartedAt: s.now()}
	return run, s.Store.CreateRun(ctx, run)
}

// Run carries run id through to the end from its cursor. Batches are
// decided while the one before is written: each batch's credit and the
// cursor past it are written in one transaction, so a crash resumes where
// the last written batch ended, and a batch done twice replaces its own
// lines.
func (s *Service) Run(ctx context.Context, corpID, id int64) error {
	run, err := s.Store.FindRun(ctx, corpID, id)
	if err != nil || run.Status != app.RunRunning {
		return err
	}
	r, err := s.Store.FindRules(ctx, corpID, run.RulesID)
	if err != nil {
		return err
	}
	if err := s.pipeline(ctx, r, run); err != nil {
		return err
	}
	return s.Store.FinishRun(ctx, corpID, id, app.RunDone, "")
}

// Fail ends run id as failed with why, when its task gives up.
func (s *Service) Fail(ctx context.Context, corpID, id int64, why error) error {
	return s.Store.FinishRun(ctx, corpID, id, app.RunFailed, why.Error())
}

func itoa(n int) string { return strconv.Itoa(n) }
