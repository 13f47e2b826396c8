package db

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// UpliftStore keeps measured uplift (app/uplift is the only writer of
// uplift_results) and reads what it compares: members, orders, links
// to guides, and the customers of mass sends and journeys with a holdout.
type UpliftStore struct{ db *DB }

// NewUpliftStore returns an UpliftStore on db.
func NewUpliftStore(db *DB) *UpliftStore { return &UpliftStore{db: db} }

// upliftRow is a row of uplift_results; an estimate the data could not
// give is NULL.
type upliftRow struct {
	CorpID, StoreID, SubjectID                     int64
	Kind                                           string
	PeriodFrom, PeriodTo                           time.Time
	WindowDays                                     int
	Treated, Control                               int64
	SpendValue, SpendLow, SpendHigh                *float64
	ConversionValue, ConversionLow, ConversionHigh *float64
	LiftValue, LiftLow, LiftHigh                   *float64
	RevenueValue, RevenueLow, RevenueHigh          *float64
	TreatedMeanCents, ControlMeanCents             int64
	TreatedRate, ControlRate                       float64
	Strata, StrataDropped, TreatedDropped          int64
	ComputedAt                                     time.Time
}

// Uplifts returns the corp's results of kind for storeID (0: the corp),
// newest subject first.
func (s *UpliftStore) Uplifts(ctx context.Context, corpID int64, kind string, storeID int64) ([]app.UpliftResult, error) {
	var rows []upliftRow
	err := s.db.with(ctx).Table("uplift_results").Where("corp_id = ? AND kind = ? AND store_id = ?", corpID, kind, storeID).
		Order("subject_id DESC").Find(&rows).Error
	out := make([]app.UpliftResult, len(rows))
	for i, r := range rows {
		out[i] = r.result()
	}
	return out, domainError(err, "提升测算")
}

// ReplaceUplifts replaces every result of the corp's kind by rs, at once.
func (s *UpliftStore) ReplaceUplifts(ctx context.Context, corpID int64, kind string, rs []app.UpliftResult) error {
	return s.db.InTx(ctx, func(ctx context.Context) error {
		err := s.db.with(ctx).Exec("DELETE FROM uplift_results WHERE corp_id = ? AND kind = ?", corpID, kind).Error
		if err != nil {
			return domainError(err, "提升测算")
		}
		return s.SaveUplifts(ctx, rs)
	})
}

// SaveUplifts writes rs over the results of the same subject and store.
func (s *UpliftStore) SaveUplifts(ctx context.Context, rs []app.UpliftResult) error {
	if len(rs) == 0 {
		return nil
	}
	rows := make([]upliftRow, len(rs))
	for i, r := range rs {
		rows[i] = rowOfUplift(r)
	}
	key := []clause.Column{{Name: "corp_id"}, {Name: "kind"}, {Name: "store_id"}, {Name: "subject_id"}}
	err := s.db.with(ctx).Table("uplift_results").Clauses(clause.OnConflict{Columns: key, UpdateAll: true}).CreateInBatches(rows, 200).Error
	return domainError(err, "提升测算")
}

// rowOfUplift is r as stored.
func rowOfUplift(r app.UpliftResult) upliftRow {
	row := upliftRow{CorpID: r.CorpID, StoreID: r.StoreID, SubjectID: r.SubjectID, Kind: r.Kind, PeriodFrom: r.From.UTC(), PeriodTo: r.To.UTC(),
		WindowDays: r.WindowDays, Treated: r.Treated, Control: r.Control, TreatedMeanCents: r.TreatedMeanCents, ControlMeanCents: r.ControlMeanCents,
		TreatedRate: r.TreatedRate, ControlRate: r.ControlRate, Strata: r.Strata, StrataDropped: r.StrataDropped,
		TreatedDropped: r.TreatedDropped, ComputedAt: r.ComputedAt.UTC()}
	row.SpendValue, row.SpendLow, row.SpendHigh = nullable(r.Spend)
	row.ConversionValue, row.ConversionLow, row.ConversionHigh = nullable(r.Conversion)
	row.LiftValue, row.LiftLow, row.LiftHigh = nullable(r.ConversionLift)
	row.RevenueValue, row.RevenueLow, row.RevenueHigh = nullable(r.Revenue)
	return row
}

// result is the row as the domain reads it.
func (r upliftRow) result() app.UpliftResult {
	return app.UpliftResult{CorpID: r.CorpID, Kind: r.Kind, SubjectID: r.SubjectID, StoreID: r.StoreID, From: r.PeriodFrom.UTC(),
		To: r.PeriodTo.UTC(), WindowDays: r.WindowDays, Treated: r.Treated, Control: r.Control,
		Spend: estimateOf(r.SpendValue, r.SpendLow, r.SpendHigh), Conversion: estimateOf(r.ConversionValue, r.ConversionLow, r.ConversionHigh),
		ConversionLift: estimateOf(r.LiftValue, r.LiftLow, r.LiftHigh), Revenue: estimateOf(r.RevenueValue, r.RevenueLow, r.RevenueHigh),
		TreatedMeanCents: r.TreatedMeanCents, ControlMeanCents: r.ControlMeanCents, TreatedRate: r.TreatedRate, ControlRate: r.ControlRate,
		Strata: r.Strata, StrataDropped: r.StrataDropped, TreatedDropped: r.TreatedDropped, ComputedAt: r.ComputedAt.UTC()}
}

// nullable is e's columns, NULL when it is not valid.
func nullable(e app.Estimate) (v, lo, hi *float64) {
	if !e.Valid {
		return nil, nil, nil
	}
	return &e.Value, &e.Low, &e.High
}

// estimateOf is an estimate from its columns.
func estimateOf(v, lo, hi *float64) app.Estimate {
	if v == nil || lo == nil || hi == nil {
		return app.Estimate{}
	}
	return app.Estimate{Value: *v, Low: *lo, High: *hi, Valid: true}
}
