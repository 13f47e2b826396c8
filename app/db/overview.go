package db

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// OverviewStore reads the console's 概览 across the tables that hold each
// figure; it writes nothing.
type OverviewStore struct{ db *DB }

// NewOverviewStore returns an OverviewStore on db.
func NewOverviewStore(db *DB) *OverviewStore { return &OverviewStore{db: db} }

var _ app.OverviewReader = (*OverviewStore)(nil)

// inStore limits q, on a table with a userid column, to the guides of
// storeID when it is set.
func inStore(q *gorm.DB, corpID, storeID int64) *gorm.DB {
	if storeID == 0 {
		return q
	}
	return q.Where("userid IN (SELECT userid FROM guides WHERE corp_id = ? AND store_id = ?)", corpID, storeID)
}

// Overview counts today's adds, deletions and welcomes, the pool, the
// running transfers and their refusals, and finds the last full sync.
func (s *OverviewStore) Overview(ctx context.Context, corpID, storeID int64, since time.Time) (*app.Overview, error) {
	o := &app.Overview{Since: since, Welcomes: map[string]int64{}}
	since = since.UTC()
	follows := func(dst *int64, column string) error {
		q := s.db.with(ctx).Table("follows").Where("corp_id = ? AND "+column+" >= ?", corpID, since)
		return inStore(q, corpID, storeID).Count(dst).Error
	}
	err := firstErr(
		func() error { return follows(&o.Adds, "add_time") },
		func() error { return follows(&o.Deletions, "deleted_at") },
		func() error { return s.welcomes(ctx, o, corpID, storeID, since) },
		func() error { return s.waiting(ctx, o, corpID, storeID) },
		func() error { return s.lastSync(ctx, o, corpID) },
	)
	return o, domainError(err, "概览")
}

func firstErr(fns ...func() error) error {
	for _, fn := range fns {
		if err := fn(); err != nil {
			return err
		}
	}
	return nil
}

func (s *OverviewStore) welcomes(ctx context.Context, o *app.Overview, corpID, storeID int64, since time.Time) error {
	q := s.db.with(ctx).Table("welcome_sends").Select("status, COUNT(*) AS n").Where("corp_id = ? AND created_at >= ?", corpID, since)
	q = inStore(q, corpID, storeID)
	var rows []struct {
		Status string
		N      int64
	}
	err := q.Group("status").Find(&rows).Error
	for _, r := range rows {
		o.Welcomes[r.Status] = r.N
	}
	return err
}

// waiting counts what waits for people: pooled customers, running
// transfers and their refused customers.
func (s *OverviewStore) waiting(ctx context.Context, o *app.Overview, corpID, storeID int64) error {
	pool := s.db.with(ctx).Table("customer_owners").Where("corp_id = ? AND status = ?", corpID, app.OwnerPool)
	running := s.db.with(ctx).Table("transfers").Where("corp_id = ? AND status = ?", corpID, app.TransferRunning)
	refused := s.db.with(ctx).Table("transfer_items").Where("corp_id = ? AND state IN ?", corpID, []string{app.ItemRefused, app.ItemLimitExceeded}).
		Where("transfer_id IN (SELECT id FROM transfers WHERE corp_id = ? AND status = ?)", corpID, app.TransferRunning)
	if storeID != 0 {
		pool = pool.Where("store_id = ?", storeID)
		running = running.Where("from_store_id = ?", storeID)
		refused = refused.Where("transfer_id IN (SELECT id FROM transfers WHERE corp_id = ? AND from_store_id = ?)", corpID, storeID)
	}
	return firstErr(func() error { return pool.Count(&o.Pooled).Error }, func() error { return running.Count(&o.TransfersRunning).Error },
		func() error { return refused.Count(&o.ItemsRefused).Error })
}

func (s *OverviewStore) lastSync(ctx context.Context, o *app.Overview, corpID int64) error {
	var runs []app.SyncRun
	err := s.db.with(ctx).Table("wecom_syncs").Where("corp_id = ? AND kind = ?", corpID, app.SyncFull).Order("id DESC").Limit(1).Find(&runs).Error
	if len(runs) == 1 {
		o.LastSync = &runs[0]
	}
	return err
}
