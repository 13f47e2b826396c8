package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// GroupsIn returns a transfer's groups, in any of states when given, in
// id order.
func (s *TransferStore) GroupsIn(ctx context.Context, corpID, transferID int64, states ...string) ([]app.TransferGroup, error) {
	q := s.db.with(ctx).Table("transfer_groups").Where("corp_id = ? AND transfer_id = ?", corpID, transferID)
	if len(states) > 0 {
		q = q.Where("state IN ?", states)
	}
	var out []app.TransferGroup
	return out, domainError(q.Order("id").Find(&out).Error, "转接客户群")
}

// MoveGroups moves the groups ids from one of states to state, with the
// fields in set, and returns how many moved.
func (s *TransferStore) MoveGroups(ctx context.Context, corpID int64, ids []int64, states []string, state string, set map[string]any) (int64, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	values := map[string]any{"state": state, "updated_at": time.Now().UTC()}
	for k, v := range set {
		values[k] = v
	}
	res := s.db.with(ctx).Table("transfer_groups").Where("corp_id = ? AND id IN ? AND state IN ?", corpID, ids, states).Updates(values)
	return res.RowsAffected, domainError(res.Error, "转接客户群")
}

// TouchTransfer stamps the transfer, which also locks its row until the
// transaction ends: claims of its items and groups are taken one at a
// time, so no two workers send the same customer.
func (s *TransferStore) TouchTransfer(ctx context.Context, corpID, id int64) error {
	res := s.db.with(ctx).Table("transfers").Where("corp_id = ? AND id = ?", corpID, id).Update("updated_at", time.Now().UTC())
	if res.Error == nil && res.RowsAffected == 0 {
		return app.Errorf(app.ENOTFOUND, "转接任务不存在")
	}
	return domainError(res.Error, "转接任务")
}
