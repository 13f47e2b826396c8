package rfm

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Full recomputes every member of the scope: the medians first (for the
// thresholds left at 0), then each member's class and stage.
func (s *Service) Full(ctx context.Context, corpID, scope int64) error {
	st, err := s.Store.RFMSettings(ctx, corpID, scope)
	if err != nil {
		return err
	}
	ms, err := s.measures(ctx, corpID, scope, nil)
	if err != nil {
		return err
	}
	now := s.now()
	useMedians(st, ms, now)
	members, err := s.Store.ActiveMembers(ctx, corpID, scope)
	if err != nil {
		return err
	}
	if err := s.save(ctx, st, members, ms, now); err != nil {
		return err
	}
	st.SweptAt = &now
	return s.Store.SaveRFMSettings(ctx, st)
}

// Incremental recomputes the members who ordered since the last pass,
// under the thresholds of the last full computation. The pass looks a
// minute back past its mark, for orders that committed late.
func (s *Service) Incremental(ctx context.Context, corpID, scope int64) error {
	st, err := s.Store.RFMSettings(ctx, corpID, scope)
	if err != nil || st.SweptAt == nil {
		if err == nil {
			err = s.Full(ctx, corpID, scope)
		}
		return err
	}
	now := s.now()
	records, err := s.Store.OrderedSince(ctx, corpID, scope, st.SweptAt.Add(-time.Minute))
	if err != nil || len(records) == 0 {
		return err
	}
	surv, err := s.Merges.Survivors(ctx, corpID, records)
	if err != nil {
		return err
	}
	ids := slices.Compact(slices.Sorted(maps.Values(surv))) // each survivor once
	ms, err := s.measures(ctx, corpID, scope, ids)
	if err != nil {
		return err
	}
	if err := s.save(ctx, st, ids, ms, now); err != nil {
		return err
	}
	st.SweptAt = &now
	return s.Store.SaveRFMSettings(ctx, st)
}

// measures totals the orders of survivors (every member when nil), each
// over the records merged into it.
func (s *Service) measures(ctx context.Context, corpID, scope int64, survivors []int64) (map[int64]measure, error) {
	var records []int64
	var fam map[int64]int64
	if survivors != nil {
		var err error
		if fam, err = s.Merges.Family(ctx, corpID, survivors); err != nil {
			return nil, err
		}
		for id := range fam {
			records = append(records, id)
		}
	}
	totals, err := s.Store.MemberOrderTotals(ctx, corpID, scope, records)
	if err != nil {
		return nil, err
	}
	if fam == nil {
		ids := make([]int64, len(totals))
		for i, t := range totals {
			ids[i] = t.MemberID
		}
		if fam, err = s.Merges.Survivors(ctx, corpID, ids); err != nil {
			return nil, err
		}
	}
	out := map[int64]measure{}
	for _, t := range totals {
		m := out[fam[t.MemberID]]
		m.add(t)
		out[fam[t.MemberID]] = m
	}
	return out, nil
}

// useMedians sets the thresholds in use: the brand's own, or the median
// of the members who bought (recency measured now).
func useMedians(st *app.RFMSettings, ms map[int64]measure, now time.Time) {
	var r, f, m []int64
	for _, x := range ms {
		if x.sales > 0 && x.last != nil {
			r, f, m = append(r, int64(now.Sub(*x.last).Hours()/24)), append(f, int64(x.sales)), append(m, x.net)
		}
	}
	st.UsedRecencyDays, st.UsedFrequency, st.UsedMonetaryCents = int(pick(st.RecencyDays, r)), int(pick(st.Frequency, f)), pick(st.MonetaryCents, m)
}

// pick is the set threshold, or the median of xs when it is 0.
func pick[T ~int | ~int64](set T, xs []int64) int64 {
	if set != 0 || len(xs) == 0 {
		return int64(set)
	}
	slices.Sort(xs)
	return xs[len(xs)/2]
}
