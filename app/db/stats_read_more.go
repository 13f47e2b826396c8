package db

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// DailyCredits returns a rule version's credited revenue of the days
// [from, to] per day, team and store, in day order; storeID limits it to
// one store's (0: every store, and credit placed in none).
func (s *StatsReadStore) DailyCredits(ctx context.Context, corpID, rulesID, storeID int64, from, to string) ([]app.DailyCredit, error) {
	end, err := dayAfter(to)
	if err != nil {
		return nil, err
	}
	tx := s.db.with(ctx).Table("daily_credits").Where("corp_id = ? AND rules_id = ? AND day >= ? AND day < ?", corpID, rulesID, from, end)
	if storeID != 0 {
		tx = tx.Where("store_id = ?", storeID)
	}
	out, err := scanCredits(tx.Select("rules_id, day, team, store_id, orders, sales_cents, refund_cents").Order("day, team, store_id"))
	return out, domainError(err, "业绩统计")
}

// scanCredits reads daily_credits rows column by column (a 90-day
// period of a corp is tens of thousands of them: gorm's reflection would
// cost more than the query).
func scanCredits(tx *gorm.DB) ([]app.DailyCredit, error) {
	rows, err := tx.Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []app.DailyCredit
	for rows.Next() {
		var c app.DailyCredit
		var day any
		if err := rows.Scan(&c.RulesID, &day, &c.Team, &c.StoreID, &c.Orders, &c.SalesCents, &c.RefundCents); err != nil {
			return nil, err
		}
		c.Day = dayOf(day)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Assets returns the asset snapshot of the latest day on or before day
// that has one: members by home store, RFM class and stage; storeID
// limits it to one home store's (0: every store).
func (s *StatsReadStore) Assets(ctx context.Context, corpID, storeID int64, day string) ([]app.AssetCount, error) {
	end, err := dayAfter(day)
	if err != nil {
		return nil, err
	}
	var last *string
	err = s.db.with(ctx).Table("asset_snapshots").Where("corp_id = ? AND day < ?", corpID, end).Select("MAX(day)").Row().Scan(&last)
	if err != nil || last == nil {
		return nil, domainError(err, "客户资产")
	}
	lastEnd, err := dayAfter(dayOnly(*last))
	if err != nil {
		return nil, err
	}
	tx := s.db.with(ctx).Table("asset_snapshots").Where("corp_id = ? AND day >= ? AND day < ?", corpID, dayOnly(*last), lastEnd)
	if storeID != 0 {
		tx = tx.Where("store_id = ?", storeID)
	}
	var out []app.AssetCount
	err = tx.Select("day, store_id, class, stage, members").Order("store_id, class, stage").Find(&out).Error
	for i := range out {
		out[i].Day = dayOnly(out[i].Day)
	}
	return out, domainError(err, "客户资产")
}

// dayOf is a scanned DATE as yyyy-mm-dd: a time from MySQL, text from
// SQLite.
func dayOf(v any) string {
	switch x := v.(type) {
	case time.Time:
		return x.Format(time.DateOnly)
	case []byte:
		return dayOnly(string(x))
	case string:
		return dayOnly(x)
	}
	return ""
}
