package api

import (
	"context"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/panel"
)

// orderRow is an order as the console shows it: by names and labels,
// the amount in yuan.
type orderRow struct {
	ID                    int64
	OrderNo, Source, Kind string
	Refund                bool
	Store                 string
	MemberID              int64  // the linked member, 0 when none
	Member                string // their number and name, or the number the order carries
	MemberNo, MemberName  string // the linked member's, or the number the order carries
	Amount                string // ¥128.50, a refund's negative
	PaidAt                time.Time
}

// orderRows names what the list shows: stores from stores, the linked
// members read at once.
func (s *server) orderRows(ctx context.Context, corpID int64, list []app.Order, stores []app.Store) ([]orderRow, error) {
	var ids []int64
	for _, o := range list {
		if o.MemberID != nil {
			ids = append(ids, *o.MemberID)
		}
	}
	members, err := s.d.OrderMembers.MembersByID(ctx, corpID, ids)
	if err != nil {
		return nil, err
	}
	rows := make([]orderRow, len(list))
	for i, o := range list {
		rows[i] = orderRowOf(o, stores, members)
	}
	return rows, nil
}

func orderRowOf(o app.Order, stores []app.Store, members map[int64]app.Member) orderRow {
	r := orderRow{ID: o.ID, OrderNo: o.OrderNo, Source: app.OrderSourceLabel(o.Source), Kind: app.OrderKindLabel(o.Kind),
		Refund: o.Kind == app.OrderRefund, Amount: panel.Yuan(o.AmountCents), PaidAt: o.PaidAt}
	if o.StoreID != nil {
		r.Store = storeName(stores, *o.StoreID)
	}
	r.Member, r.MemberNo = o.MemberNo, o.MemberNo
	if o.MemberID != nil {
		m := members[*o.MemberID]
		r.MemberID, r.Member, r.MemberNo, r.MemberName = *o.MemberID, orderMemberLabel(m), m.MemberNo, m.Name
	}
	return r
}

// orderMemberLabel names a member by number and name, whichever they have.
func orderMemberLabel(m app.Member) string {
	switch {
	case m.MemberNo != "" && m.Name != "":
		return m.MemberNo + " · " + m.Name
	case m.MemberNo != "":
		return m.MemberNo
	case m.Name != "":
		return m.Name
	}
	return "会员（未登记姓名）"
}

// yuanPlain writes cents as a plain amount in yuan (-64.00) for spreadsheets,
// where a number must stay a number.
func yuanPlain(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d", sign, cents/100, cents%100)
}
