package db

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// cumsCurrent says whether the corp's running totals hold through last:
// carried at least that far, and no day up to it stale since.
func (s *StatsReadStore) cumsCurrent(ctx context.Context, corpID int64, last string) (bool, error) {
	var m cumMark
	err := s.db.with(ctx).Table("stat_cum_marks").Select("stale_from, carried_to").Where("corp_id = ?", corpID).Take(&m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return false, nil
	}
	if err != nil || m.CarriedTo == nil || dayOnly(*m.CarriedTo) < last {
		return false, domainError(err, "统计数据")
	}
	return m.StaleFrom == nil || dayOnly(*m.StaleFrom) > last, nil
}

// cumTotals is StatTotals from the running totals: those through last
// less those through the day before the period, for the keys with a row
// in between. Days are compared by equality here (app/db writes them as
// yyyy-mm-dd in both dialects), so the join reads the primary key by
// (corp, dim, day, key, store) instead of scanning a day per row.
func (s *StatsReadStore) cumTotals(ctx context.Context, q app.StatsQuery, last string) ([]app.DailyStat, error) {
	prev, err := dayBefore(q.From)
	if err != nil {
		return nil, err
	}
	cols := "a.dim_key, a.store_id, a.customers"
	for _, c := range statFigures {
		cols += ", a." + c + " - COALESCE(b." + c + ", 0) AS " + c
	}
	tx := s.db.with(ctx).Table("stat_cums AS a").Select(cols).
		Joins("LEFT JOIN stat_cums AS b ON b.corp_id = a.corp_id AND b.dim = a.dim AND b.day = ? "+
			"AND b.dim_key = a.dim_key AND b.store_id = a.store_id", prev).
		Where("a.corp_id = ? AND a.dim = ? AND a.day = ? AND a.present > COALESCE(b.present, 0)", q.CorpID, q.Dim, last)
	if q.StoreID != 0 {
		tx = tx.Where("a.store_id = ?", q.StoreID)
	}
	if len(q.Keys) > 0 {
		tx = tx.Where("a.dim_key IN ?", q.Keys)
	}
	rows, err := scanStatRows(tx.Order("a.dim_key, a.store_id"))
	out := make([]app.DailyStat, len(rows))
	for i, r := range rows {
		out[i] = r.stat(q)
		out[i].Day = ""
	}
	return out, domainError(err, "统计数据")
}

// scanStatRows reads the rows tx selects — dim_key, store_id, customers
// and statFigures, in that order — scanning each column straight into
// its field: a guide ranking is thousands of rows of 31 columns, which
// gorm's reflection would spend most of the page's time on.
func scanStatRows(tx *gorm.DB) ([]statRow, error) {
	rows, err := tx.Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []statRow
	for rows.Next() {
		var r statRow
		if err := rows.Scan(append([]any{&r.DimKey, &r.StoreID, &r.Customers}, r.figurePtrs()...)...); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
