package api

import (
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// The JSON shapes of the order API. Amounts are integer cents (a refund's
// negative); a phone is accepted but never answered, not even masked: the
// order keeps only its blind index.

type orderInJSON struct {
	Source      string       `json:"source"`
	Kind        string       `json:"kind"`
	OrderNo     string       `json:"order_no"`
	RefundOf    string       `json:"refund_of"`
	StoreCode   string       `json:"store_code"`
	GuideCode   string       `json:"guide_code"`
	MemberNo    string       `json:"member_no"`
	UnionID     string       `json:"unionid"`
	OpenID      string       `json:"openid"`
	Phone       string       `json:"phone"`
	AmountCents *int64       `json:"amount_cents"`
	PaidAt      string       `json:"paid_at"`
	Items       []itemInJSON `json:"items"`
}

type itemInJSON struct {
	SKU            string `json:"sku"`
	Name           string `json:"name"`
	Quantity       int64  `json:"quantity"`
	UnitPriceCents *int64 `json:"unit_price_cents"`
}

func fromOrderIn(j orderInJSON) app.OrderInput {
	return app.OrderInput{Source: j.Source, Kind: j.Kind, OrderNo: j.OrderNo, RefundOf: j.RefundOf, StoreCode: j.StoreCode,
		GuideCode: j.GuideCode, MemberNo: j.MemberNo, UnionID: j.UnionID, OpenID: j.OpenID, Phone: j.Phone,
		AmountCents: j.AmountCents, PaidAt: j.PaidAt, Items: mapAll(j.Items, func(i itemInJSON) app.OrderItemInput {
			return app.OrderItemInput{SKU: i.SKU, Name: i.Name, Quantity: i.Quantity, UnitPriceCents: i.UnitPriceCents}
		})}
}

type orderJSON struct {
	ID          int64     `json:"id"`
	Source      string    `json:"source"`
	SourceName  string    `json:"source_name"`
	Kind        string    `json:"kind"`
	OrderNo     string    `json:"order_no"`
	RefundOfID  *int64    `json:"refund_of_id"`
	StoreID     *int64    `json:"store_id"`
	Scope       int64     `json:"scope"`
	GuideCode   string    `json:"guide_code"`
	MemberID    *int64    `json:"member_id"`
	MemberNo    string    `json:"member_no"`
	UnionID     string    `json:"unionid"`
	OpenID      string    `json:"openid"`
	HasPhone    bool      `json:"has_phone"`
	AmountCents int64     `json:"amount_cents"`
	PaidAt      time.Time `json:"paid_at"`
	ContentHash string    `json:"content_hash"`
	CreatedAt   time.Time `json:"created_at"`
}

// orderDetailJSON is an order with its lines, its refunds (a sale) or
// its sale (a refund), and after a POST what the POST did.
type orderDetailJSON struct {
	orderJSON
	Items   []itemJSON  `json:"items"`
	Refunds []orderJSON `json:"refunds,omitempty"`
	Sale    *orderJSON  `json:"sale,omitempty"`
	Outcome string      `json:"outcome,omitempty"`
}

type itemJSON struct {
	Line           int    `json:"line"`
	SKU            string `json:"sku"`
	Name           string `json:"name"`
	Quantity       int64  `json:"quantity"`
	UnitPriceCents int64  `json:"unit_price_cents"`
}

func toOrder(o app.Order) orderJSON {
	return orderJSON{ID: o.ID, Source: o.Source, SourceName: app.OrderSourceLabel(o.Source), Kind: o.Kind, OrderNo: o.OrderNo,
		RefundOfID: o.RefundOfID, StoreID: o.StoreID, Scope: o.Scope, GuideCode: o.GuideCode, MemberID: o.MemberID,
		MemberNo: o.MemberNo, UnionID: o.UnionID, OpenID: o.OpenID, HasPhone: o.PhoneIndex != "", AmountCents: o.AmountCents,
		PaidAt: o.PaidAt.UTC(), ContentHash: o.ContentHash, CreatedAt: o.CreatedAt.UTC()}
}

func toOrderDetail(d app.OrderDetail) orderDetailJSON {
	out := orderDetailJSON{orderJSON: toOrder(d.Order), Refunds: mapAll(d.Refunds, toOrder), Items: mapAll(d.Items, func(i app.OrderItem) itemJSON {
		return itemJSON{Line: i.Line, SKU: i.SKU, Name: i.Name, Quantity: i.Quantity, UnitPriceCents: i.UnitPriceCents}
	})}
	if d.Sale != nil {
		s := toOrder(*d.Sale)
		out.Sale = &s
	}
	return out
}

// batchJSON is what a batch did: counts, and each order's id and outcome
// in the order sent.
type batchJSON struct {
	Created   int          `json:"created"`
	Unchanged int          `json:"unchanged"`
	Results   []resultJSON `json:"results"`
}

type resultJSON struct {
	Index   int    `json:"index"`
	ID      int64  `json:"id"`
	Outcome string `json:"outcome"`
}

func toBatch(res []app.OrderResult) batchJSON {
	out := batchJSON{Results: make([]resultJSON, len(res))}
	for i, r := range res {
		out.Results[i] = resultJSON{Index: i, ID: r.ID, Outcome: r.Outcome}
		if r.Outcome == app.OrderCreated {
			out.Created++
		} else {
			out.Unchanged++
		}
	}
	return out
}
