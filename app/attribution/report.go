package attribution

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Reports reads credit totals (app/db's AttributionStore).
type Reports interface {
	CreditTotals(ctx context.Context, corpID, rulesID int64, model, by string, from, to time.Time) ([]app.CreditTotal, error)
	OrdersPaidAfter(ctx context.Context, corpID, scope int64, from, to time.Time, after int64, limit int) ([]app.Order, error)
}

// Report totals credit for orders paid in [from, to) by guide, store or
// team, under rule version rulesID (the scope's latest when 0) and model.
func (s *Service) Report(ctx context.Context, rep Reports, corpID, scope, rulesID int64, model, by string, from, to time.Time) (*app.AttributionRules, []app.CreditTotal, error) {
	r, err := s.version(ctx, corpID, scope, rulesID)
	if err != nil {
		return nil, nil, err
	}
	if model == "" {
		model = app.ModelRules
	}
	if !validModel(model) {
		return nil, nil, app.FieldInvalid("model", "未知的归属模型“"+model+"”")
	}
	totals, err := rep.CreditTotals(ctx, corpID, r.ID, model, by, from, to)
	return r, totals, err
}

// version is rule version id, or the scope's latest when id is 0.
func (s *Service) version(ctx context.Context, corpID, scope, id int64) (*app.AttributionRules, error) {
	if id != 0 {
		return s.Store.FindRules(ctx, corpID, id)
	}
	return s.Store.LatestRules(ctx, corpID, scope)
}

func validModel(m string) bool {
	for _, x := range Models {
		if x == m {
			return true
		}
	}
	return false
}

// Versions lists the scope's rule versions, newest first, each with its
// latest run.
func (s *Service) Versions(ctx context.Context, corpID, scope int64) ([]app.AttributionRules, map[int64]app.AttributionRun, error) {
	rs, err := s.Store.ListRules(ctx, corpID, scope)
	runs := map[int64]app.AttributionRun{}
	for _, r := range rs {
		if err != nil {
			break
		}
		var run *app.AttributionRun
		if run, err = s.Store.LatestRun(ctx, corpID, r.ID); err == nil {
			runs[r.ID] = *run
		} else if app.ErrorCode(err) == app.ENOTFOUND {
			err = nil
		}
	}
	return rs, runs, err
}

// FindRun returns run id, with its progress.
func (s *Service) FindRun(ctx context.Context, corpID, id int64) (*app.AttributionRun, error) {
	return s.Store.FindRun(ctx, corpID, id)
}

// OrderCredit is an order's lines under rule version rulesID (the scope's
// latest when 0), every model, each with its explanation.
func (s *Service) OrderCredit(ctx context.Context, corpID, scope, rulesID, orderID int64) (*app.AttributionRules, []app.Credit, error) {
	r, err := s.version(ctx, corpID, scope, rulesID)
	if err != nil {
		return nil, nil, err
	}
	cs, err := s.Store.CreditsOf(ctx, corpID, r.ID, []int64{orderID})
	return r, cs[orderID], err
}
