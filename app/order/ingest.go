package order

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// MaxBatch is the most orders one batch may carry.
const MaxBatch = 1000

// IngestOrders records a batch of up to MaxBatch orders, all or nothing.
// Every order is checked first: any bad one refuses the batch with every
// problem of every order (EINVALID; each field named orders[i].field).
// Then any order whose number is recorded, or repeated in the batch, with
// other content refuses it (ECONFLICT, naming those orders). Otherwise the
// new orders are written in one transaction and each order's result says
// whether it was created or already recorded (unchanged).
func (s *Service) IngestOrders(ctx context.Context, corpID int64, in []app.OrderInput) ([]app.OrderResult, error) {
	switch {
	case len(in) == 0:
		return nil, app.FieldInvalid("orders", "订单列表不能为空")
	case len(in) > MaxBatch:
		return nil, app.FieldInvalid("orders", fmt.Sprintf("一批最多 %d 条订单，本批 %d 条，请分批发送", MaxBatch, len(in)))
	}
	ds, ref, err := s.check(ctx, corpID, in)
	if err == nil && ref == nil {
		var res []app.OrderResult
		if res, ref, err = s.write(ctx, corpID, ds); err == nil && ref == nil {
			return res, nil
		}
	}
	if ref != nil {
		return nil, ref.batchError()
	}
	return nil, err
}

// IngestOrder records one order as IngestOrders would, its refused
// fields named as sent.
func (s *Service) IngestOrder(ctx context.Context, corpID int64, in app.OrderInput) (app.OrderResult, error) {
	ds, ref, err := s.check(ctx, corpID, []app.OrderInput{in})
	if err == nil && ref == nil {
		var res []app.OrderResult
		if res, ref, err = s.write(ctx, corpID, ds); err == nil && ref == nil {
			return res[0], nil
		}
	}
	if ref != nil {
		return app.OrderResult{}, ref.oneError()
	}
	return app.OrderResult{}, err
}
