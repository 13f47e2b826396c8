package uplift

import (
	"cmp"
	"context"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// cohortKey is where a member stands before its class is known: brand
// scope, home store and month of the link (from the range's first).
type cohortKey struct {
	scope, store int64
	month        int
}

// cellKey is a stratum: the cohort and the RFM class at the link.
type cellKey struct {
	cohortKey
	class string
}

// placed is a member in the comparison, with the time its outcome is
// measured from: its link, or for a control its cohort's median link.
type placed struct {
	id      int64
	cohort  cohortKey
	ref     time.Time
	treated bool
}

// guideRange is the months of links compared at now: GuideMonths
// calendar months in loc, ending with the month before the one
// GuideMinDays ago.
func (s *Service) guideRange(now time.Time, loc *time.Location) (from, to time.Time) {
	t := now.Add(-time.Duration(s.opts.GuideMinDays) * day).In(loc)
	to = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
	return to.AddDate(0, -s.opts.GuideMonths, 0), to
}

// guide compares members first linked in [from, to) with their matched
// controls at now: one result for the corp and one per home store with
// linked members.
func (s *Service) guide(ctx context.Context, b *book, corpID int64, from, to, now time.Time, loc *time.Location) ([]app.UpliftResult, error) {
	cells, err := s.cells(ctx, b, corpID, s.place(b, from, to, now, loc), now)
	if err != nil {
		return nil, err
	}
	keys := slices.SortedFunc(maps.Keys(cells), compareCells)
	byStore := map[int64][]*stratum{}
	var all []*stratum
	for _, k := range keys {
		all = append(all, cells[k])
		byStore[k.store] = append(byStore[k.store], cells[k])
	}
	var out []app.UpliftResult
	if r := guideResult(corpID, 0, estimateATT(all), from, to, now); r.Treated+r.TreatedDropped > 0 {
		out = append(out, r)
	}
	for _, st := range slices.Sorted(maps.Keys(byStore)) {
		if r := guideResult(corpID, st, estimateATT(byStore[st]), from, to, now); st != 0 && r.Treated+r.TreatedDropped > 0 {
			out = append(out, r)
		}
	}
	return out, nil
}

// place puts the members first linked in [from, to) in their cohorts,
// and beside them the controls: every other member, each in one month
// of the range chosen by a hash of its id (so none is counted twice), at
// that cohort's median link time, when it was not linked before its
// window ended and was known by then (a member already, or a buyer).
func (s *Service) place(b *book, from, to, now time.Time, loc *time.Location) []placed {
	ids := slices.Sorted(maps.Keys(b.members))
	var out []placed
	links := map[cohortKey][]time.Time{}
	for _, id := range ids {
		at, ok := b.links[id]
		if !ok || at.Before(from) || !at.Before(to) {
			continue
		}
		m := b.members[id]
		k := cohortKey{m.Scope, m.HomeStoreID, monthIndex(from, at, loc)}
		out, links[k] = append(out, placed{id: id, cohort: k, ref: at, treated: true}), append(links[k], at)
	}
	refs := make(map[cohortKey]time.Time, len(links))
	for k, ls := range links {
		refs[k] = median(ls)
	}
	n := uint64(monthIndex(from, to, loc))
	for _, id := range ids {
		m := b.members[id]
		k := cohortKey{m.Scope, m.HomeStoreID, int(mix(uint64(id)) % n)}
		if ref, ok := refs[k]; ok && b.control(id, ref, now) {
			out = append(out, placed{id: id, cohort: k, ref: ref})
		}
	}
	return out
}

// control reports whether member id can stand as a control at ref: not
// linked before its window ends, and known by ref.
func (b *book) control(id int64, ref, now time.Time) bool {
	if at, ok := b.links[id]; ok && at.Before(windowEnd(ref, now)) {
		return false
	}
	os := b.orders[id]
	return !b.members[id].CreatedAt.After(ref) || (len(os) > 0 && os[0].PaidAt.Before(ref))
}

// windowEnd is when the outcome window of a member at ref ends: a year
// after the day of ref, or now.
func windowEnd(ref, now time.Time) time.Time {
	if end := ref.Add(day + year); end.Before(now) {
		return end
	}
	return now
}

// cells measures the placed members: the RFM class from the orders
// before ref under the brand's thresholds, and the spend in the window
// from a day after ref (the visit the link is often made on is left
// out) to windowEnd, annualised.
func (s *Service) cells(ctx context.Context, b *book, corpID int64, ps []placed, now time.Time) (map[cellKey]*stratum, error) {
	out := map[cellKey]*stratum{}
	thresholds := map[int64]*app.RFMSettings{}
	for _, p := range ps {
		st, ok := thresholds[p.cohort.scope]
		if !ok {
			var err error
			if st, err = s.Thresholds.RFMSettings(ctx, corpID, p.cohort.scope); err != nil {
				return nil, err
			}
			thresholds[p.cohort.scope] = st
		}
		os := b.orders[p.id]
		h := before(os, p.ref)
		start, end := p.ref.Add(day), windowEnd(p.ref, now)
		if !end.After(start) {
			continue
		}
		k := cellKey{p.cohort, st.ClassAt(h.sales, h.net, h.last, p.ref)}
		c := out[k]
		if c == nil {
			c = &stratum{store: p.cohort.store}
			out[k] = c
		}
		y := float64(within(os, start, end).net) * float64(year) / float64(end.Sub(start))
		if p.treated {
			c.treated = append(c.treated, y)
		} else {
			c.control = append(c.control, y)
		}
	}
	return out, nil
}

// guideResult is the result of one comparison.
func guideResult(corpID, store int64, a att, from, to, now time.Time) app.UpliftResult {
	return app.UpliftResult{CorpID: corpID, Kind: app.UpliftGuide, StoreID: store, From: from.UTC(), To: to.UTC(), WindowDays: 365,
		Treated: a.treated, Control: a.control, Spend: a.spend, Revenue: a.revenue,
		TreatedMeanCents: int64(math.Round(a.meanT)), ControlMeanCents: int64(math.Round(a.meanC)),
		Strata: a.strata, StrataDropped: a.dropped, TreatedDropped: a.treatedDropped, ComputedAt: now}
}

// monthIndex is how many calendar months (in loc) at is after from.
func monthIndex(from, at time.Time, loc *time.Location) int {
	f, a := from.In(loc), at.In(loc)
	return (a.Year()-f.Year())*12 + int(a.Month()) - int(f.Month())
}

// median is the middle of ts (the later of the two middles).
func median(ts []time.Time) time.Time {
	s := slices.SortedFunc(slices.Values(ts), time.Time.Compare)
	return s[len(s)/2]
}

// mix is SplitMix64's finaliser: a well-spread, fixed hash of an id.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// compareCells orders strata by scope, store, month and class.
func compareCells(a, b cellKey) int {
	return cmp.Or(cmp.Compare(a.scope, b.scope), cmp.Compare(a.store, b.store), cmp.Compare(a.month, b.month), cmp.Compare(a.class, b.class))
}
