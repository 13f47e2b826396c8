package db

import "context"

// StatsStore computes the daily aggregates from the ledgers and writes
// them (app/stats is the only writer of daily_stats, daily_credits,
// asset_snapshots, contact_ends and stats_days). Its reads are GROUP BY
// queries over one day of each ledger, each on an index by the ledger's
// time (migration 00034 adds those that were missing).
type StatsStore struct{ db *DB }

// NewStatsStore returns a StatsStore on db.
func NewStatsStore(db *DB) *StatsStore { return &StatsStore{db: db} }

// GuideStores returns the store of every guide binding of the corp, by
// userid, whatever the guide's status: a figure of a guide who left still
// belongs to the store they were in.
func (s *StatsStore) GuideStores(ctx context.Context, corpID int64) (map[string]int64, error) {
	var rows []struct {
		UserID  string `gorm:"column:userid"`
		StoreID int64
	}
	err := s.db.with(ctx).Table("guides").Select("userid, store_id").Where("corp_id = ?", corpID).Scan(&rows).Error
	out := make(map[string]int64, len(rows))
	for _, r := range rows {
		out[r.UserID] = r.StoreID
	}
	return out, domainError(err, "导购")
}

// StoreBrands returns the brand of every store that has one.
func (s *StatsStore) StoreBrands(ctx context.Context, corpID int64) (map[int64]int64, error) {
	var rows []struct{ ID, BrandID int64 }
	err := s.db.with(ctx).Table("stores").Select("id, brand_id").Where("corp_id = ? AND brand_id IS NOT NULL", corpID).Scan(&rows).Error
	out := make(map[int64]int64, len(rows))
	for _, r := range rows {
		out[r.ID] = r.BrandID
	}
	return out, domainError(err, "门店")
}

// rulesOfRecord are the ids of each scope's latest rule version: the
// rules a brand credits by now, which the dashboards' figures follow.
func (s *StatsStore) rulesOfRecord(ctx context.Context, corpID int64) ([]int64, error) {
	var ids []int64
	err := s.db.with(ctx).Raw(`SELECT r.id FROM attribution_rules r WHERE r.corp_id = ? AND r.version =
		(SELECT MAX(v.version) FROM attribution_rules v WHERE v.corp_id = r.corp_id AND v.scope = r.scope)`, corpID).Scan(&ids).Error
	return ids, err
}

// ruleVersions are the ids of every rule version of the corp: the
// credits are read and replaced by them, on the index that leads with
// the version (an IN subquery would be read as a join driven by the
// rules, each version's credits of every day scanned).
func (s *StatsStore) ruleVersions(ctx context.Context, corpID int64) ([]int64, error) {
	var ids []int64
	err := s.db.with(ctx).Table("attribution_rules").Where("corp_id = ?", corpID).Order("id").Pluck("id", &ids).Error
	return ids, err
}
