package db

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// SearchTransfers returns a page of q's transfers, newest first, with
// their item counts; scope, when set, keeps them to one store (a store
// manager's). more tells whether another page follows.
func (s *TransferStore) SearchTransfers(ctx context.Context, q app.TransferQuery, scope int64) ([]app.Transfer, bool, error) {
	db := s.db.with(ctx).Table("transfers").Where("corp_id = ?", q.CorpID)
	for _, f := range [][2]string{{"from_userid", q.UserID}, {"mode", q.Mode}, {"rule", q.Rule}, {"status", q.Status}} {
		if f[1] != "" {
			db = db.Where(f[0]+" = ?", f[1])
		}
	}
	for _, store := range []int64{scope, q.StoreID} {
		if store != 0 {
			db = db.Where("from_store_id = ?", store)
		}
	}
	limit := app.PageLimit(q.Limit, defaultTransferPage)
	var ts []app.Transfer
	if err := db.Order("id DESC").Offset(q.Offset).Limit(limit + 1).Find(&ts).Error; err != nil {
		return nil, false, domainError(err, "转接任务")
	}
	more := len(ts) > limit
	if more {
		ts = ts[:limit]
	}
	return ts, more, s.attachCounts(ctx, q.CorpID, ts)
}
