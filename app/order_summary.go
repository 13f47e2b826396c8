package app

import "time"

// SalesSummary is what a buyer's member records add up to, for the side
// panel: their sales, what those sales came to, what was refunded of
// them (the refunds recorded against those sales, whether or not a
// refund carried the member's keys) and when they last bought.
type SalesSummary struct {
	Sales         int
	SalesCents    int64
	RefundedCents int64 // ≤ 0
	LastSale      *time.Time
}

// NetCents is the lifetime value: paid minus refunded.
func (s SalesSummary) NetCents() int64 { return s.SalesCents + s.RefundedCents }
