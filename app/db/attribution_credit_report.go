package db

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// creditSorts are the columns a report page sorts by.
var creditSorts = map[string]string{app.CreditSortNet: "net_cents", app.CreditSortSales: "sales_cents",
	app.CreditSortRefunds: "refund_cents", app.CreditSortOrders: "sale_orders"}

// creditSums total credit lines: sales by their positive lines, refunds by
// their negative ones, each order counted once.
const creditSums = "COALESCE(SUM(CASE WHEN amount_cents > 0 THEN amount_cents ELSE 0 END), 0) AS sales_cents, " +
	"COALESCE(SUM(CASE WHEN amount_cents < 0 THEN -amount_cents ELSE 0 END), 0) AS refund_cents, COALESCE(SUM(amount_cents), 0) AS net_cents, " +
	"COUNT(DISTINCT CASE WHEN amount_cents > 0 THEN order_id END) AS sale_orders, " +
	"COUNT(DISTINCT CASE WHEN amount_cents < 0 THEN order_id END) AS refunded"

// CreditReport reads a page of the credit of record by guide, store or
// team, with the whole report's total and row count, in SQL: a chain's
// report over a year reads millions of lines and holds only the page.
func (s *AttributionStore) CreditReport(ctx context.Context, q app.CreditQuery) (*app.CreditReport, error) {
	col, ok := reportKeys[q.By]
	sort, okSort := creditSorts[q.Sort]
	if !ok || !okSort {
		return nil, app.FieldInvalid("by", "汇总方式或排序方式不正确")
	}
	dir := "DESC"
	if q.Asc {
		dir = "ASC"
	}
	var rows []struct {
		ReportKey string
		app.CreditRow
	}
	err := s.creditLines(ctx, q).Select(fmt.Sprintf("CAST(%s AS CHAR) AS report_key, %s", col, creditSums)).Group(col).
		Order(sort + " " + dir + ", report_key").Offset(q.Offset).Limit(q.Limit).Scan(&rows).Error
	out := &app.CreditReport{Rows: make([]app.CreditRow, len(rows))}
	for i, r := range rows {
		out.Rows[i], out.Rows[i].Key = r.CreditRow, r.ReportKey
	}
	if err == nil {
		err = s.creditLines(ctx, q).Select(creditSums).Scan(&out.Total).Error
	}
	if err == nil {
		err = s.creditLines(ctx, q).Select("COUNT(DISTINCT " + col + ")").Scan(&out.Count).Error
	}
	return out, domainError(err, "业绩归属")
}

// creditLines are the lines q reads: the brand's rules under its version,
// paid in its period, of its store when it names one.
func (s *AttributionStore) creditLines(ctx context.Context, q app.CreditQuery) *gorm.DB {
	tx := s.db.with(ctx).Table("order_credits").Where("corp_id = ? AND rules_id = ? AND model = ? AND paid_at >= ? AND paid_at < ?",
		q.CorpID, q.RulesID, app.ModelRules, q.From, q.To)
	if q.StoreID != 0 {
		tx = tx.Where("store_id = ?", q.StoreID)
	}
	return tx
}
