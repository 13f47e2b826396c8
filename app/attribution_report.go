package app

import "time"

// Sorts of an attribution report's rows.
const (
	CreditSortNet     = "net"
	CreditSortSales   = "sales"
	CreditSortRefunds = "refunds"
	CreditSortOrders  = "orders"
)

// CreditQuery selects a page of the credit of record (the brand's rules)
// of one rule version for orders paid in [From, To), totalled by guide,
// store or team. A store manager's query names their store: only credit
// lines of that store count.
type CreditQuery struct {
	CorpID, RulesID int64
	By              string // guide, store or team
	From, To        time.Time
	StoreID         int64 // 0: every store
	Sort            string
	Asc             bool
	Offset, Limit   int
}

// CreditRow is one guide's, store's or team's credit in a period, refunds
// netted: what sales credited, what refunds took back (a positive
// amount), and the orders of each.
type CreditRow struct {
	Key                  string // userid, store id (0: none) or team
	SalesCents           int64
	RefundCents          int64
	NetCents             int64
	SaleOrders, Refunded int64
}

// CreditReport is a page of rows, the whole report's total, and how many
// rows it has.
type CreditReport struct {
	Rows  []CreditRow
	Total CreditRow
	Count int64
}
