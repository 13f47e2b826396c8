package uplift

import (
	"context"
	"slices"
	"sort"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// book is a corp's members as the comparisons read them: each record
// resolved to the active member it stands for now (merges followed), the
// orders of every record under that survivor, by time, the survivors
// each customer is, and each survivor's first link to a guide.
type book struct {
	survivor  map[int64]int64 // record → active survivor; absent when none
	members   map[int64]app.UpliftMember
	orders    map[int64][]app.UpliftOrder // by survivor, oldest first
	customers map[string][]int64          // external_userid → survivors
	links     map[int64]time.Time         // survivor → its first link
}

// maxMergeDepth bounds a chain of merges followed (a cycle would be a bug).
const maxMergeDepth = 32

// load reads corpID's members, orders, customers and links.
func (s *Service) load(ctx context.Context, corpID int64) (*book, error) {
	ms, err := s.Store.UpliftMembers(ctx, corpID)
	if err != nil {
		return nil, err
	}
	b := &book{survivor: survivors(ms), members: map[int64]app.UpliftMember{}, orders: map[int64][]app.UpliftOrder{},
		customers: map[string][]int64{}, links: map[int64]time.Time{}}
	for _, m := range ms {
		if b.survivor[m.ID] == m.ID {
			b.members[m.ID] = m
		}
	}
	if err := b.addOrders(ctx, s.Store, corpID); err != nil {
		return nil, err
	}
	if err := b.addCustomers(ctx, s.Store, corpID); err != nil {
		return nil, err
	}
	return b, b.addLinks(ctx, s.Store, corpID)
}

// survivors maps each record to the active record its merges lead to.
func survivors(ms []app.UpliftMember) map[int64]int64 {
	by := make(map[int64]app.UpliftMember, len(ms))
	for _, m := range ms {
		by[m.ID] = m
	}
	out := make(map[int64]int64, len(ms))
	for _, m := range ms {
		cur := m
		for range maxMergeDepth {
			next, ok := by[cur.MergedInto]
			if cur.MergedInto == 0 || !ok {
				break
			}
			cur = next
		}
		if cur.MergedInto == 0 && cur.Active {
			out[m.ID] = cur.ID
		}
	}
	return out
}

// addOrders files every order under its record's survivor, by time.
func (b *book) addOrders(ctx context.Context, st Store, corpID int64) error {
	os, err := st.MemberOrders(ctx, corpID)
	if err != nil {
		return err
	}
	for _, o := range os {
		if sv, ok := b.survivor[o.MemberID]; ok {
			b.orders[sv] = append(b.orders[sv], o)
		}
	}
	for _, list := range b.orders {
		slices.SortStableFunc(list, func(x, y app.UpliftOrder) int { return x.PaidAt.Compare(y.PaidAt) })
	}
	return nil
}

// addCustomers maps each customer to the survivors of its records.
func (b *book) addCustomers(ctx context.Context, st Store, corpID int64) error {
	ids, err := st.CustomerMembers(ctx, corpID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if sv, ok := b.survivor[id.MemberID]; ok && !slices.Contains(b.customers[id.ExternalUserID], sv) {
			b.customers[id.ExternalUserID] = append(b.customers[id.ExternalUserID], sv)
		}
	}
	return nil
}

// addLinks gives each survivor the earliest link of its records and of
// the customers it is.
func (b *book) addLinks(ctx context.Context, st Store, corpID int64) error {
	ls, err := st.FirstLinks(ctx, corpID)
	if err != nil {
		return err
	}
	for id, at := range ls.ByMember {
		if sv, ok := b.survivor[id]; ok {
			b.link(sv, at)
		}
	}
	for ext, at := range ls.ByCustomer {
		for _, sv := range b.customers[ext] {
			b.link(sv, at)
		}
	}
	return nil
}

// link records at as survivor sv's link when it is the earliest yet.
func (b *book) link(sv int64, at time.Time) {
	if cur, ok := b.links[sv]; !ok || at.Before(cur) {
		b.links[sv] = at
	}
}

// history is a member's orders before a time: sales, net amount and the
// last sale, what the RFM class is computed from.
type history struct {
	sales int
	net   int64
	last  *time.Time
}

// before totals os (oldest first) paid before at.
func before(os []app.UpliftOrder, at time.Time) history {
	var h history
	for i := range os[:firstAt(os, at)] {
		h.net += os[i].AmountCents
		if os[i].Sale {
			h.sales++
			h.last = &os[i].PaidAt
		}
	}
	return h
}

// outcome is a member's orders in a window: net amount and whether any
// was a sale.
type outcome struct {
	net     int64
	ordered bool
}

// within totals os (oldest first) paid in [from, to).
func within(os []app.UpliftOrder, from, to time.Time) outcome {
	var o outcome
	for _, x := range os[firstAt(os, from):firstAt(os, to)] {
		o.net += x.AmountCents
		o.ordered = o.ordered || x.Sale
	}
	return o
}

// firstAt is the index of the first order of os paid at or after t.
func firstAt(os []app.UpliftOrder, t time.Time) int {
	return sort.Search(len(os), func(i int) bool { return !os[i].PaidAt.Before(t) })
}
