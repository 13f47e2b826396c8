package attribution

import (
	"github.com/siyu-scrm/siyu/app"
)

// Reverse is a refund's credit: its sale's lines again, each taking its
// share of the refunded (negative) amount, so that a refund takes back
// credit from exactly whom the sale gave it, in proportion.
func Reverse(sale []app.Credit, refund app.Order) []app.Credit {
	ws := make([]float64, len(sale))
	for i, c := range sale {
		ws[i] = float64(c.ShareBP)
	}
	amounts := apportion(refund.AmountCents, ws)
	out := make([]app.Credit, len(sale))
	for i, c := range sale {
		c.ID, c.OrderID, c.AmountCents = 0, refund.ID, amounts[i]
		out[i] = c
	}
	return out
}
