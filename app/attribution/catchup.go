package attribution

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Fresh finds what credit is kept up to date for: the scopes with orders,
// and their orders no line of a version credits yet.
type Fresh interface {
	OrderScopes(ctx context.Context) ([]app.OrderScope, error)
	Uncredited(ctx context.Context, corpID, scope, rulesID int64, limit int) ([]app.Order, error)
}

// catchUpBudget is how long one catch-up keeps crediting batches: within
// the minute between passes, so a large import is credited in minutes,
// not one batch a minute.
const catchUpBudget = 40 * time.Second

// CatchUp credits, under each scope's latest rules, the orders that came
// in since: a scope without rules starts on the defaults (version 1),
// and one whose recompute is still running is left to it. Batches go
// until none is left or the budget is spent; the schedule calls again.
func (s *Service) CatchUp(ctx context.Context, fresh Fresh) error {
	scopes, err := fresh.OrderScopes(ctx)
	if err != nil {
		return err
	}
	var errs []error
	for _, sc := range scopes {
		if err := s.catchUpScope(ctx, fresh, sc); err != nil {
			errs = append(errs, fmt.Errorf("corp %d scope %d: %w", sc.CorpID, sc.Scope, err))
		}
	}
	return errors.Join(errs...)
}

func (s *Service) catchUpScope(ctx context.Context, fresh Fresh, sc app.OrderScope) error {
	r, err := s.Store.LatestRules(ctx, sc.CorpID, sc.Scope)
	if app.ErrorCode(err) == app.ENOTFOUND {
		_, _, err = s.SaveRules(app.WithActor(ctx, "system:attribution"), sc.CorpID, DefaultInput(sc.Scope))
		return err
	}
	if err != nil {
		return err
	}
	if run, err := s.Store.LatestRun(ctx, sc.CorpID, r.ID); err == nil && run.Status == app.RunRunning {
		return nil
	}
	for start := time.Now(); time.Since(start) < catchUpBudget; {
		more := false
		err := s.Tx.InTx(ctx, func(ctx context.Context) error {
			orders, err := fresh.Uncredited(ctx, sc.CorpID, sc.Scope, r.ID, s.batch)
			if err != nil || len(orders) == 0 {
				return err
			}
			more = true
			return s.creditBatch(ctx, r, orders)
		})
		if err != nil || !more {
			return err
		}
	}
	return nil
}
