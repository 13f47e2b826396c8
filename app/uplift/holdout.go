package uplift

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// arm is one side of a holdout comparison: each customer's revenue in
// the window, and how many ordered.
type arm struct {
	revenue  []float64
	ordered  int
	from, to time.Time
}

func (a *arm) add(o outcome, at time.Time) {
	a.revenue = append(a.revenue, float64(o.net))
	if o.ordered {
		a.ordered++
	}
	if a.from.IsZero() || at.Before(a.from) {
		a.from = at
	}
	if at.After(a.to) {
		a.to = at
	}
}

// span is from the earlier start of a and b to the later end.
func span(a, b arm) (from, to time.Time) {
	from, to = a.from, a.to
	if b.from.Before(from) {
		from = b.from
	}
	if b.to.After(to) {
		to = b.to
	}
	return from.UTC(), to.UTC()
}

// holdouts compares each subject's treated customers with its holdout
// (intention to treat: a customer planned for the send counts as
// treated whether or not their guide sent it) on the customers whose
// window [sent, sent + WindowDays) has closed by now. A customer is
// placed once per subject, by their earliest row.
func (s *Service) holdouts(b *book, corpID int64, kind string, rows []app.UpliftArm, now time.Time) []app.UpliftResult {
	rows = slices.Clone(rows)
	slices.SortFunc(rows, func(x, y app.UpliftArm) int {
		return cmp.Or(cmp.Compare(x.SubjectID, y.SubjectID), cmp.Compare(x.ExternalUserID, y.ExternalUserID), x.At.Compare(y.At))
	})
	window := time.Duration(s.opts.WindowDays) * day
	var out []app.UpliftResult
	for i := 0; i < len(rows); {
		j := i
		var t, c arm
		for ; j < len(rows) && rows[j].SubjectID == rows[i].SubjectID; j++ {
			r := rows[j]
			if (j > i && r.ExternalUserID == rows[j-1].ExternalUserID) || r.At.Add(window).After(now) {
				continue
			}
			var o outcome
			for _, sv := range b.customers[r.ExternalUserID] {
				w := within(b.orders[sv], r.At, r.At.Add(window))
				o.net, o.ordered = o.net+w.net, o.ordered || w.ordered
			}
			if r.Holdout {
				c.add(o, r.At)
			} else {
				t.add(o, r.At)
			}
		}
		if len(t.revenue) > 0 && len(c.revenue) > 0 {
			out = append(out, holdoutResult(corpID, kind, rows[i].SubjectID, s.opts.WindowDays, t, c, now))
		}
		i = j
	}
	return out
}

// holdoutResult compares t with c: conversion by Newcombe's interval and
// the Katz risk ratio, revenue per customer by Welch's, and its relative
// difference by the delta method.
func holdoutResult(corpID int64, kind string, subject int64, window int, t, c arm, now time.Time) app.UpliftResult {
	st, sc := summarise(t.revenue), summarise(c.revenue)
	nt, nc := len(t.revenue), len(c.revenue)
	from, to := span(t, c)
	r := app.UpliftResult{CorpID: corpID, Kind: kind, SubjectID: subject, From: from, To: to,
		WindowDays: window, Treated: int64(nt), Control: int64(nc),
		Conversion: newcombe(t.ordered, nt, c.ordered, nc), ConversionLift: riskRatio(t.ordered, nt, c.ordered, nc),
		Revenue: welch(st, sc), TreatedMeanCents: int64(math.Round(st.mean)), ControlMeanCents: int64(math.Round(sc.mean)),
		TreatedRate: float64(t.ordered) / float64(nt), ControlRate: float64(c.ordered) / float64(nc), ComputedAt: now}
	if nt >= minPerGroup && nc >= minPerGroup {
		r.Spend = relative(st.mean, st.vari/float64(nt), sc.mean, sc.vari/float64(nc))
	}
	return r
}
