package db

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// statsBatch is how many rows one INSERT writes: daily_stats has 34
// columns, well under both dialects' limit of bound values.
const statsBatch = 500

// dailyStatRow is a daily_stats row as written.
type dailyStatRow struct {
	CorpID  int64
	Day     string
	Dim     string
	DimKey  string
	StoreID int64
	app.Figures
}

// TableName is the table gorm writes the row in.
func (dailyStatRow) TableName() string { return "daily_stats" }

// dailyCreditRow is a daily_credits row as written.
type dailyCreditRow struct {
	CorpID int64
	app.DailyCredit
}

// TableName is the table gorm writes the row in.
func (dailyCreditRow) TableName() string { return "daily_credits" }

// assetRow is an asset_snapshots row as written.
type assetRow struct {
	CorpID int64
	app.AssetCount
}

// TableName is the table gorm writes the row in.
func (assetRow) TableName() string { return "asset_snapshots" }

// ReplaceDailyStats replaces the corp's rows of day with rows, in the
// transaction ctx carries. The delete names every dimension, so it reads
// the primary key's ranges (corp, dim, day) and locks only the day's rows.
func (s *StatsStore) ReplaceDailyStats(ctx context.Context, corpID int64, day string, rows []app.DailyStat) error {
	g := s.db.with(ctx)
	if err := g.Exec("DELETE FROM daily_stats WHERE corp_id = ? AND dim IN ? AND day = ?", corpID, app.StatDims, day).Error; err != nil {
		return err
	}
	out := make([]dailyStatRow, len(rows))
	for i, r := range rows {
		out[i] = dailyStatRow{CorpID: corpID, Day: day, Dim: r.Dim, DimKey: r.Key, StoreID: r.StoreID, Figures: r.Figures}
	}
	if len(out) == 0 {
		return nil
	}
	return g.CreateInBatches(out, statsBatch).Error
}

// ReplaceDailyCredits replaces the corp's credited revenue of day; the
// delete names every rule version, so it reads the primary key's ranges.
func (s *StatsStore) ReplaceDailyCredits(ctx context.Context, corpID int64, day string, rows []app.DailyCredit) error {
	rules, err := s.ruleVersions(ctx, corpID)
	if err != nil || len(rules) == 0 {
		return err
	}
	g := s.db.with(ctx)
	err = g.Exec("DELETE FROM daily_credits WHERE corp_id = ? AND rules_id IN ? AND day = ?", corpID, rules, day).Error
	if err != nil || len(rows) == 0 {
		return err
	}
	out := make([]dailyCreditRow, len(rows))
	for i, r := range rows {
		r.Day = day
		out[i] = dailyCreditRow{CorpID: corpID, DailyCredit: r}
	}
	return g.CreateInBatches(out, statsBatch).Error
}

// ReplaceAssets replaces the corp's asset snapshot of day.
func (s *StatsStore) ReplaceAssets(ctx context.Context, corpID int64, day string, rows []app.AssetCount) error {
	g := s.db.with(ctx)
	if err := g.Exec("DELETE FROM asset_snapshots WHERE corp_id = ? AND day = ?", corpID, day).Error; err != nil || len(rows) == 0 {
		return err
	}
	out := make([]assetRow, len(rows))
	for i, r := range rows {
		r.Day = day
		out[i] = assetRow{CorpID: corpID, AssetCount: r}
	}
	return g.CreateInBatches(out, statsBatch).Error
}

// MarkStatsDay records that d's day was computed.
func (s *StatsStore) MarkStatsDay(ctx context.Context, d app.StatsDay) error {
	row := map[string]any{"corp_id": d.CorpID, "day": d.Day, "computed_at": d.ComputedAt, "duration_ms": d.DurationMS, "row_count": d.RowCount}
	return s.db.with(ctx).Table("stats_days").Clauses(upsert([]string{"corp_id", "day"},
		[]string{"computed_at", "duration_ms", "row_count"})).Create(row).Error
}

// contactEndRow is a contact_ends row as written.
type contactEndRow struct {
	ID             int64
	CorpID         int64
	EventKey       string
	UserID         string `gorm:"column:userid"`
	ExternalUserID string `gorm:"column:external_userid"`
	StoreID        int64
	EndedBy        string
	At             time.Time
}

// TableName is the table gorm writes the row in.
func (contactEndRow) TableName() string { return "contact_ends" }

// RecordContactEnd keeps e unless its event is already kept; created
// says whether it was new.
func (s *StatsStore) RecordContactEnd(ctx context.Context, e app.ContactEnd) (created bool, err error) {
	row := contactEndRow{CorpID: e.CorpID, EventKey: e.EventKey, UserID: e.UserID, ExternalUserID: e.ExternalUserID,
		StoreID: e.StoreID, EndedBy: e.EndedBy, At: e.At.UTC()}
	res := s.db.with(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row)
	return res.RowsAffected == 1, res.Error
}
