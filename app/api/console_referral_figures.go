package api

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// referralFigureRow is one line of a campaign's figures: the whole
// campaign, a store or a guide.
type referralFigureRow struct {
	Name string
	app.ReferralFigures
	Voids                     []string // "老客户（…）2" per reason, in Chinese
	Arrived                   int64    // helps whose invitee arrived, in any state
	KFactor, Return, CostYuan string
}

// referralFigureRowOf shows f under name.
func referralFigureRowOf(name string, f *app.ReferralFigures) referralFigureRow {
	r := referralFigureRow{Name: name, ReferralFigures: *f, KFactor: fmt.Sprintf("%.2f", f.KFactor()),
		Return: fmt.Sprintf("%.0f%%", 100*f.ShareReturn()), CostYuan: fmt.Sprintf("%.2f", f.CostPerFriend()/100),
		Arrived: f.Held + f.Credited + f.Review + f.Voided}
	if f.Shares == 0 {
		r.Return = "—"
	}
	if f.Credited == 0 {
		r.CostYuan = "—"
	}
	for _, reason := range slices.Sorted(maps.Keys(f.VoidedBy)) {
		r.Voids = append(r.Voids, fmt.Sprintf("%s %d", orText(app.VoidReasonNames[reason], reason), f.VoidedBy[reason]))
	}
	return r
}

// referralFigures are a campaign's figures in whole, by store (by name,
// helps placed in no store as 未归属门店) and by guide (by name).
func (s *server) referralFigures(ctx context.Context, corpID int64, b *app.ReferralBreakdown) (total referralFigureRow, stores, guides []referralFigureRow, err error) {
	total = referralFigureRowOf("全部", &b.Total)
	ids := make([]*int64, 0, len(b.ByStore))
	for id := range b.ByStore {
		ids = append(ids, &id)
	}
	storeNames, err := s.d.Names.Stores(ctx, corpID, ids)
	if err != nil {
		return total, nil, nil, err
	}
	for id, f := range b.ByStore {
		name := "未归属门店"
		if id != 0 {
			name = orDeleted(storeNames[id].Name)
		}
		stores = append(stores, referralFigureRowOf(name, f))
	}
	users := make([]string, 0, len(b.ByGuide))
	for u := range b.ByGuide {
		users = append(users, u)
	}
	people, err := s.d.Names.People(ctx, corpID, users)
	for u, f := range b.ByGuide {
		guides = append(guides, referralFigureRowOf(personName(people, u), f))
	}
	byCredited := func(a, b referralFigureRow) int {
		if a.Credited != b.Credited {
			return int(b.Credited - a.Credited)
		}
		return strings.Compare(a.Name, b.Name)
	}
	slices.SortFunc(stores, byCredited)
	slices.SortFunc(guides, byCredited)
	return total, stores, guides, err
}
