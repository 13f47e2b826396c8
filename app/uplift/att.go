package uplift

import "github.com/siyu-scrm/siyu/app"

// stratum is one matched cell of the guide comparison: the annual spend
// (cents) of its linked and its control members.
type stratum struct {
	store            int64
	treated, control []float64
}

// minPerGroup is how many members of each group a stratum needs: one
// gives no variance to build an interval from.
const minPerGroup = 2

// att is the stratified comparison of a set of strata.
type att struct {
	treated, control                int64
	strata, dropped, treatedDropped int64
	meanT, meanC                    float64
	spend, revenue                  app.Estimate
}

// estimateATT compares the strata's linked members with their controls,
// reweighting each stratum's controls to its share of the linked (the
// average treatment effect on the treated): A = Σ w·meanT, B = Σ w·meanC,
// w = the stratum's linked ÷ all linked kept. The spend uplift is
// A/B − 1, its interval the delta method's on log(A/B), with Var(A) =
// Σ w²·varT/nT and Var(B) = Σ w²·varC/nC (the strata and the groups are
// independent samples); the revenue difference is A − B. Strata with
// fewer than minPerGroup of either group are dropped and counted.
func estimateATT(strata []*stratum) att {
	var r att
	var kept []*stratum
	var linked float64
	for _, s := range strata {
		if len(s.treated) < minPerGroup || len(s.control) < minPerGroup {
			r.dropped++
			r.treatedDropped += int64(len(s.treated))
			continue
		}
		kept, linked = append(kept, s), linked+float64(len(s.treated))
		r.treated, r.control = r.treated+int64(len(s.treated)), r.control+int64(len(s.control))
	}
	r.strata = int64(len(kept))
	if len(kept) == 0 {
		return r
	}
	var va, vb float64
	for _, s := range kept {
		t, c := summarise(s.treated), summarise(s.control)
		w := float64(t.n) / linked
		r.meanT, r.meanC = r.meanT+w*t.mean, r.meanC+w*c.mean
		va, vb = va+w*w*t.vari/float64(t.n), vb+w*w*c.vari/float64(c.n)
	}
	r.spend, r.revenue = relative(r.meanT, va, r.meanC, vb), normalDiff(r.meanT, va, r.meanC, vb)
	return r
}
