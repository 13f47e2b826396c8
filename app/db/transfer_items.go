package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

const defaultItemPage = 100

// ListItems returns a page of a transfer's items in id order.
func (s *TransferStore) ListItems(ctx context.Context, corpID, transferID int64, f app.TransferFilter) ([]app.TransferItem, int64, error) {
	q := s.db.with(ctx).Table("transfer_items").Where("corp_id = ? AND transfer_id = ?", corpID, transferID)
	if f.State != "" {
		q = q.Where("state = ?", f.State)
	}
	var out []app.TransferItem
	if err := page(q, f.Page, defaultItemPage).Find(&out).Error; err != nil {
		return nil, 0, domainError(err, "转接客户")
	}
	out, next := cut(out, f.Page, defaultItemPage, func(i app.TransferItem) int64 { return i.ID })
	return out, next, nil
}

// ItemsIn returns a transfer's items in any of states, in id order.
func (s *TransferStore) ItemsIn(ctx context.Context, corpID, transferID int64, states ...string) ([]app.TransferItem, error) {
	var out []app.TransferItem
	err := s.db.with(ctx).Table("transfer_items").Where("corp_id = ? AND transfer_id = ? AND state IN ?", corpID, transferID, states).
		Order("id").Find(&out).Error
	return out, domainError(err, "转接客户")
}

// NextBatch returns up to limit pending items that go to one takeover
// guide (one WeCom call names one), the earliest first, and the number
// the batch they form gets.
func (s *TransferStore) NextBatch(ctx context.Context, corpID, transferID int64, limit int) ([]app.TransferItem, int, error) {
	var first app.TransferItem
	q := s.db.with(ctx).Table("transfer_items").Where("corp_id = ? AND transfer_id = ? AND state = ?", corpID, transferID, app.ItemPending)
	if err := q.Order("id").Limit(1).Find(&first).Error; err != nil || first.ID == 0 {
		return nil, 0, domainError(err, "转接客户")
	}
	var out []app.TransferItem
	err := s.db.with(ctx).Table("transfer_items").Where("corp_id = ? AND transfer_id = ? AND state = ? AND to_userid = ?",
		corpID, transferID, app.ItemPending, first.ToUserID).Order("id").Limit(limit).Find(&out).Error
	if err != nil {
		return nil, 0, domainError(err, "转接客户")
	}
	var last int
	err = s.db.with(ctx).Table("transfer_items").Select("COALESCE(MAX(batch), 0)").
		Where("corp_id = ? AND transfer_id = ?", corpID, transferID).Scan(&last).Error
	return out, last + 1, domainError(err, "转接客户")
}

// MoveItems moves the items ids from one of states to state, with the
// fields in set; it returns how many moved (an item in another state is
// left alone: someone settled it first).
func (s *TransferStore) MoveItems(ctx context.Context, corpID int64, ids []int64, states []string, state string, set map[string]any) (int64, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	values := map[string]any{"state": state, "updated_at": time.Now().UTC()}
	for k, v := range set {
		values[k] = v
	}
	res := s.db.with(ctx).Table("transfer_items").Where("corp_id = ? AND id IN ? AND state IN ?", corpID, ids, states).Updates(values)
	return res.RowsAffected, domainError(res.Error, "转接客户")
}

// OpenItemFor returns the sent or waiting item moving the customer to the
// takeover guide, the one a transfer_fail callback is about; not found
// when Siyu started no such transfer or it has settled.
func (s *TransferStore) OpenItemFor(ctx context.Context, corpID int64, takeover, externalUserID string) (*app.TransferItem, error) {
	var it app.TransferItem
	err := s.db.with(ctx).Table("transfer_items").Where("corp_id = ? AND external_userid = ? AND to_userid = ? AND state IN ?",
		corpID, externalUserID, takeover, []string{app.ItemSent, app.ItemWaiting}).Order("id DESC").Take(&it).Error
	return &it, domainError(err, "转接客户")
}

// RecentTransfers counts, per customer, the on-job transfers WeCom
// accepted (waiting or succeeded) since since: what WeCom's 2-in-90-days
// limit is checked against before a call.
func (s *TransferStore) RecentTransfers(ctx context.Context, corpID int64, externalUserIDs []string, since time.Time) (map[string]int, error) {
	out := map[string]int{}
	for start := 0; start < len(externalUserIDs); start += 500 {
		chunk := externalUserIDs[start:min(start+500, len(externalUserIDs))]
		var rows []struct {
			ExternalUserID string `gorm:"column:external_userid"`
			N              int
		}
		err := s.db.with(ctx).Table("transfer_items").Select("transfer_items.external_userid, COUNT(*) AS n").
			Joins("JOIN transfers ON transfers.corp_id = transfer_items.corp_id AND transfers.id = transfer_items.transfer_id").
			Where("transfer_items.corp_id = ? AND transfers.mode = ? AND transfer_items.external_userid IN ? AND transfer_items.state IN ? AND transfer_items.sent_at >= ?",
				corpID, app.TransferOnJob, chunk, []string{app.ItemWaiting, app.ItemSucceeded}, since).
			Group("transfer_items.external_userid").Find(&rows).Error
		if err != nil {
			return nil, domainError(err, "转接客户")
		}
		for _, r := range rows {
			out[r.ExternalUserID] = r.N
		}
	}
	return out, nil
}
