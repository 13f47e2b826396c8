package db

import (
	"context"
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// stat_cums holds running totals of daily_stats (migration 00039): a
// period's sums are then the totals through its last day less those
// through the day before it, two rows per key whatever the period's
// length. They are an index of daily_stats kept here: app/stats marks a
// day stale as it replaces the day's rows, then carries the totals
// forward a day at a time from the first stale day.

// cumRow is a stat_cums row: figures summed through Day, Customers that
// day's, Present the days with a daily_stats row.
type cumRow struct {
	CorpID  int64
	Day     string
	Dim     string
	DimKey  string
	StoreID int64
	app.Figures
	Present int64
}

// TableName is the table gorm reads and writes the row in.
func (cumRow) TableName() string { return "stat_cums" }

// cumMark is a corp's stat_cum_marks row.
type cumMark struct {
	StaleFrom *string
	CarriedTo *string
}

// MarkCumsStale records, in the transaction ctx carries, that the corp's
// running totals from day on no longer hold (day's rows are replaced).
func (s *StatsStore) MarkCumsStale(ctx context.Context, corpID int64, day string) error {
	ex := s.db.excluded("stale_from")
	set := assign("stale_from", "CASE WHEN stale_from IS NULL OR stale_from > "+ex+" THEN "+ex+" ELSE stale_from END")
	row := map[string]any{"corp_id": corpID, "stale_from": day}
	return s.db.with(ctx).Table("stat_cum_marks").Clauses(upsert([]string{"corp_id"}, nil, set)).Create(row).Error
}

// CarryCums carries the corp's running totals over its first stale day,
// in the transaction ctx carries (the mark's row lock orders carriers);
// more says whether stale days remain.
func (s *StatsStore) CarryCums(ctx context.Context, corpID int64) (more bool, err error) {
	var m cumMark
	err = s.db.with(ctx).Table("stat_cum_marks").Clauses(clause.Locking{Strength: "UPDATE"}).
		Select("stale_from, carried_to").Where("corp_id = ?", corpID).Take(&m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && m.StaleFrom == nil) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	last, err := s.lastComputed(ctx, corpID)
	if err != nil {
		return false, err
	}
	day := dayOnly(*m.StaleFrom)
	if last == "" || day > last {
		return false, s.setCumMark(ctx, corpID, nil, last)
	}
	if err := s.carryDay(ctx, corpID, day); err != nil {
		return false, err
	}
	if day == last {
		return false, s.setCumMark(ctx, corpID, nil, last)
	}
	next, err := dayAfter(day)
	if err == nil {
		err = s.setCumMark(ctx, corpID, &next, maxDay(m.CarriedTo, day))
	}
	return err == nil, err
}

// maxDay is the later of a stored day (nil: none) and day.
func maxDay(stored *string, day string) string {
	if stored != nil && dayOnly(*stored) > day {
		return dayOnly(*stored)
	}
	return day
}

// setCumMark sets the corp's first stale day (nil: none) and the last
// day carried to ("": none).
func (s *StatsStore) setCumMark(ctx context.Context, corpID int64, staleFrom *string, carriedTo string) error {
	var to any
	if carriedTo != "" {
		to = carriedTo
	}
	return s.db.with(ctx).Table("stat_cum_marks").Where("corp_id = ?", corpID).
		Updates(map[string]any{"stale_from": staleFrom, "carried_to": to}).Error
}

// lastComputed is the corp's latest computed day, "" before any.
func (s *StatsStore) lastComputed(ctx context.Context, corpID int64) (string, error) {
	var day *string
	err := s.db.with(ctx).Table("stats_days").Where("corp_id = ?", corpID).Select("MAX(day)").Row().Scan(&day)
	if err != nil || day == nil {
		return "", err
	}
	return dayOnly(*day), nil
}

// carryDay writes day's running totals: the day before's plus day's
// daily_stats rows, a key at a time.
func (s *StatsStore) carryDay(ctx context.Context, corpID int64, day string) error {
	prev, err := dayBefore(day)
	if err != nil {
		return err
	}
	var before []cumRow
	if err := s.cumsOf(ctx, corpID, prev).Find(&before).Error; err != nil {
		return err
	}
	var today []dailyStatRow
	if err := s.dailyOf(ctx, corpID, day).Find(&today).Error; err != nil {
		return err
	}
	if err := s.cumsOf(ctx, corpID, day).Delete(&cumRow{}).Error; err != nil {
		return err
	}
	rows := carried(corpID, day, before, today)
	if len(rows) == 0 {
		return nil
	}
	return s.db.with(ctx).CreateInBatches(rows, statsBatch).Error
}

// cumsOf selects the corp's stat_cums rows of day, every dimension (so
// the primary key's ranges are read).
func (s *StatsStore) cumsOf(ctx context.Context, corpID int64, day string) *gorm.DB {
	end, _ := dayAfter(day)
	return s.db.with(ctx).Model(&cumRow{}).Where("corp_id = ? AND dim IN ? AND day >= ? AND day < ?", corpID, app.StatDims, day, end)
}

// dailyOf selects the corp's daily_stats rows of day.
func (s *StatsStore) dailyOf(ctx context.Context, corpID int64, day string) *gorm.DB {
	end, _ := dayAfter(day)
	return s.db.with(ctx).Model(&dailyStatRow{}).Where("corp_id = ? AND dim IN ? AND day >= ? AND day < ?", corpID, app.StatDims, day, end)
}

// carried is day's running totals: every key of the day before, with
// day's figures added where the key has a row, and the keys new on day.
func carried(corpID int64, day string, before []cumRow, today []dailyStatRow) []cumRow {
	type key struct {
		dim, key string
		store    int64
	}
	at := make(map[key]int, len(before)+len(today))
	out := make([]cumRow, 0, len(before)+len(today))
	for _, b := range before {
		b.Day, b.Customers = day, 0
		at[key{b.Dim, b.DimKey, b.StoreID}] = len(out)
		out = append(out, b)
	}
	for _, t := range today {
		k := key{t.Dim, t.DimKey, t.StoreID}
		i, ok := at[k]
		if !ok {
			i = len(out)
			out = append(out, cumRow{CorpID: corpID, Day: day, Dim: t.Dim, DimKey: t.DimKey, StoreID: t.StoreID})
		}
		out[i].Add(t.Figures)
		out[i].Customers, out[i].Present = t.Customers, out[i].Present+1
	}
	return out
}
