package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// TransferStore keeps transfer jobs (在职继承 / 离职继承), their items and
// groups. Every query is scoped to one corp.
type TransferStore struct{ db *DB }

// NewTransferStore returns a TransferStore on db (a transaction or not).
func NewTransferStore(db *DB) *TransferStore { return &TransferStore{db: db} }

const defaultTransferPage = 20

// CreateTransfer inserts t with its items and groups.
func (s *TransferStore) CreateTransfer(ctx context.Context, t *app.Transfer, items []app.TransferItem, groups []app.TransferGroup) error {
	now := time.Now().UTC()
	t.CreatedAt, t.UpdatedAt = now, now
	if err := s.db.with(ctx).Table("transfers").Create(t).Error; err != nil {
		return domainError(err, "转接任务")
	}
	for i := range items {
		items[i].CorpID, items[i].TransferID, items[i].CreatedAt, items[i].UpdatedAt = t.CorpID, t.ID, now, now
	}
	for i := range groups {
		groups[i].CorpID, groups[i].TransferID, groups[i].CreatedAt, groups[i].UpdatedAt = t.CorpID, t.ID, now, now
	}
	if len(items) > 0 {
		if err := s.db.with(ctx).Table("transfer_items").CreateInBatches(items, 200).Error; err != nil {
			return domainError(err, "转接客户")
		}
	}
	if len(groups) > 0 {
		return domainError(s.db.with(ctx).Table("transfer_groups").CreateInBatches(groups, 200).Error, "转接客户群")
	}
	return nil
}

// FindTransfer returns transfer id of corpID with its item counts.
func (s *TransferStore) FindTransfer(ctx context.Context, corpID, id int64) (*app.Transfer, error) {
	var t app.Transfer
	if err := s.db.with(ctx).Table("transfers").Where("corp_id = ? AND id = ?", corpID, id).Take(&t).Error; err != nil {
		return nil, domainError(err, "转接任务")
	}
	ts := []app.Transfer{t}
	err := s.attachCounts(ctx, corpID, ts)
	return &ts[0], err
}

// ListTransfers returns a page of corpID's transfers, newest last (id
// order), of one store when storeID is set, with their item counts.
func (s *TransferStore) ListTransfers(ctx context.Context, corpID, storeID int64, p app.Page) ([]app.Transfer, int64, error) {
	q := s.db.with(ctx).Table("transfers").Where("corp_id = ?", corpID)
	if storeID > 0 {
		q = q.Where("from_store_id = ?", storeID)
	}
	var ts []app.Transfer
	if err := page(q, p, defaultTransferPage).Find(&ts).Error; err != nil {
		return nil, 0, domainError(err, "转接任务")
	}
	ts, next := cut(ts, p, defaultTransferPage, func(t app.Transfer) int64 { return t.ID })
	return ts, next, s.attachCounts(ctx, corpID, ts)
}

// attachCounts fills each transfer's item counts by state.
func (s *TransferStore) attachCounts(ctx context.Context, corpID int64, ts []app.Transfer) error {
	if len(ts) == 0 {
		return nil
	}
	ids := make([]int64, len(ts))
	at := map[int64]int{}
	for i, t := range ts {
		ids[i], at[t.ID] = t.ID, i
		ts[i].Counts = map[string]int{}
	}
	var rows []struct {
		TransferID int64
		State      string
		N          int
	}
	err := s.db.with(ctx).Table("transfer_items").Select("transfer_id, state, COUNT(*) AS n").
		Where("corp_id = ? AND transfer_id IN ?", corpID, ids).Group("transfer_id, state").Find(&rows).Error
	for _, r := range rows {
		ts[at[r.TransferID]].Counts[r.State] = r.N
	}
	return domainError(err, "转接客户")
}

// RunningTransferOf returns the guide's running transfer, not found when
// there is none.
func (s *TransferStore) RunningTransferOf(ctx context.Context, corpID int64, userID string) (*app.Transfer, error) {
	var t app.Transfer
	err := s.db.with(ctx).Table("transfers").Where("corp_id = ? AND from_userid = ? AND status = ?", corpID, userID, app.TransferRunning).
		Take(&t).Error
	return &t, domainError(err, "进行中的转接任务")
}

// RunningTransfers lists corpID's running transfers, oldest first.
func (s *TransferStore) RunningTransfers(ctx context.Context, corpID int64) ([]app.Transfer, error) {
	var ts []app.Transfer
	err := s.db.with(ctx).Table("transfers").Where("corp_id = ? AND status = ?", corpID, app.TransferRunning).Order("id").Find(&ts).Error
	return ts, domainError(err, "转接任务")
}

// FinishTransfer marks the transfer done if nothing of it is left open;
// done reports whether it did so now.
func (s *TransferStore) FinishTransfer(ctx context.Context, corpID, id int64, at time.Time) (done bool, err error) {
	var open int64
	err = s.db.with(ctx).Table("transfer_items").Where("corp_id = ? AND transfer_id = ? AND state IN ?", corpID, id,
		[]string{app.ItemPending, app.ItemSent, app.ItemWaiting}).Count(&open).Error
	if err != nil || open > 0 {
		return false, domainError(err, "转接客户")
	}
	err = s.db.with(ctx).Table("transfer_groups").Where("corp_id = ? AND transfer_id = ? AND state IN ?", corpID, id,
		[]string{app.GroupPending, app.GroupSent}).Count(&open).Error
	if err != nil || open > 0 {
		return false, domainError(err, "转接客户群")
	}
	status, err := s.endStatus(ctx, corpID, id)
	if err != nil {
		return false, err
	}
	res := s.db.with(ctx).Table("transfers").Where("corp_id = ? AND id = ? AND status = ?", corpID, id, app.TransferRunning).
		Updates(map[string]any{"status": status, "finished_at": at, "updated_at": at})
	return res.RowsAffected == 1, domainError(res.Error, "转接任务")
}

// endStatus is how a transfer with nothing open ends: cancelled when it
// was cancelled before anything of it went to WeCom, else done.
func (s *TransferStore) endStatus(ctx context.Context, corpID, id int64) (string, error) {
	var cancelled, other int64
	for table, state := range map[string]string{"transfer_items": app.ItemCancelled, "transfer_groups": app.GroupCancelled} {
		var c, o int64
		q := s.db.with(ctx).Table(table).Where("corp_id = ? AND transfer_id = ?", corpID, id)
		if err := q.Where("state = ?", state).Count(&c).Error; err != nil {
			return "", domainError(err, "转接任务")
		}
		if err := s.db.with(ctx).Table(table).Where("corp_id = ? AND transfer_id = ? AND state <> ?", corpID, id, state).Count(&o).Error; err != nil {
			return "", domainError(err, "转接任务")
		}
		cancelled, other = cancelled+c, other+o
	}
	if cancelled > 0 && other == 0 {
		return app.TransferCancelled, nil
	}
	return app.TransferDone, nil
}
