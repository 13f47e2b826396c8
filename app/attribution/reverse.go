package attribution

import (
	"github.com/siyu-scrm/siyu/app"
)

// Reverse is a refund's credit: its sale's lines again, each taking its
// share of the refunded (negative) amount in proportion to the cents the
// sale gave it (basis points are rounded; cents are exact), so that a
// refund takes back credit from exactly whom the sale gave it. A sale of
// nothing shares by basis points.
func Reverse(sale []app.Credit, refund app.Order) []app.Credit {
	ws := make([]float64, len(sale))
	for i, c := range sale {
		ws[i] = float64(c.AmountCents)
	}
	if total(sale) == 0 {
		for i, c := range sale {
			ws[i] = float64(c.ShareBP)
		}
	}
	amounts := apportion(refund.AmountCents, ws)
	out := make([]app.Credit, len(sale))
	for i, c := range sale {
		c.ID, c.OrderID, c.AmountCents = 0, refund.ID, amounts[i]
		out[i] = c
	}
	return out
}

func total(cs []app.Credit) int64 {
	var n int64
	for _, c := range cs {
		n += c.AmountCents
	}
	return n
}
