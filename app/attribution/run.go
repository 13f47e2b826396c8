package attribution

import (
	"context"
	"fmt"
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

// batchSize is how many orders one step of a run credits, in one
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

// Run carries run id through to the end from its cursor: each batch of
// orders is credited and the cursor moved in one transaction, so a crash
// resumes where the last batch ended, and a batch done twice replaces its
// own lines.
func (s *Service) Run(ctx context.Context, corpID, id int64) error {
	run, err := s.Store.FindRun(ctx, corpID, id)
	if err != nil || run.Status != app.RunRunning {
		return err
	}
	r, err := s.Store.FindRules(ctx, corpID, run.RulesID)
	if err != nil {
		return err
	}
	for {
		more, err := s.step(ctx, r, run)
		if err != nil {
			return err
		}
		if !more {
			return s.Store.FinishRun(ctx, corpID, id, app.RunDone, "")
		}
	}
}

// step credits the next batch of run's orders and moves run on with it;
// more is false past the last.
func (s *Service) step(ctx context.Context, r *app.AttributionRules, run *app.AttributionRun) (more bool, err error) {
	var cursor, done int64
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		orders, err := s.Store.OrdersAfter(ctx, r.CorpID, r.Scope, run.CursorID, batchSize)
		if err != nil || len(orders) == 0 {
			more = false
			return err
		}
		if err := s.creditBatch(ctx, r, orders); err != nil {
			return fmt.Errorf("credit orders after %d: %w", run.CursorID, err)
		}
		more, cursor, done = true, orders[len(orders)-1].ID, run.Done+int64(len(orders))
		return s.Store.AdvanceRun(ctx, r.CorpID, run.ID, cursor, done)
	})
	if err == nil && more {
		run.CursorID, run.Done = cursor, done
	}
	return more, err
}

// Fail ends run id as failed with why, when its task gives up.
func (s *Service) Fail(ctx context.Context, corpID, id int64, why error) error {
	return s.Store.FinishRun(ctx, corpID, id, app.RunFailed, why.Error())
}

func itoa(n int) string { return strconv.Itoa(n) }
