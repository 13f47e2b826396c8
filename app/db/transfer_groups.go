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

// FollowedBy lists the customers the member follows now (relations not
// deleted), the ones WeCom can move away from them.
func (s *TransferStore) FollowedBy(ctx context.Context, corpID int64, userID string) ([]string, error) {
	var out []string
	err := s.db.with(ctx).Table("follows").Where("corp_id = ? AND userid = ? AND deleted_at IS NULL", corpID, userID).
		Order("external_userid").Pluck("external_userid", &out).Error
	return out, domainError(err, "跟进关系")
}

// GroupsOwnedBy lists the live groups the member owns.
func (s *TransferStore) GroupsOwnedBy(ctx context.Context, corpID int64, userID string) ([]string, error) {
	var out []string
	err := s.db.with(ctx).Table("customer_groups").Where("corp_id = ? AND owner = ? AND dismissed_at IS NULL", corpID, userID).
		Order("chat_id").Pluck("chat_id", &out).Error
	return out, domainError(err, "客户群")
}

// GroupOwner returns the owner Siyu's mirror holds for a group, empty
// when the group is unknown.
func (s *TransferStore) GroupOwner(ctx context.Context, corpID int64, chatID string) (string, error) {
	var owner string
	err := s.db.with(ctx).Table("customer_groups").Select("owner").Where("corp_id = ? AND chat_id = ?", corpID, chatID).Scan(&owner).Error
	return owner, domainError(err, "客户群")
}

// MoveOpenTasks gives the guide's open tasks about one customer to
// another guide and returns how many moved.
func (s *AssignStore) MoveOpenTasks(ctx context.Context, corpID int64, fromUserID, externalUserID, toUserID string) (int64, error) {
	res := s.db.with(ctx).Table("guide_tasks").Where("corp_id = ? AND userid = ? AND external_userid = ? AND status = ?",
		corpID, fromUserID, externalUserID, app.TaskOpen).Updates(map[string]any{"userid": toUserID, "updated_at": time.Now().UTC()})
	return res.RowsAffected, domainError(res.Error, "导购任务")
}
