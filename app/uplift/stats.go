package uplift

import (
	"math"

	"github.com/siyu-scrm/siyu/app"
)

// z95 is the standard normal's 97.5% quantile: two-sided 95% intervals.
const z95 = 1.959963984540054

// sample is one group's outcomes summarised: size, mean and the unbiased
// variance (n−1).
type sample struct {
	n          int
	mean, vari float64
}

// summarise summarises xs in one pass (Welford's, stable for sums of
// millions of cents).
func summarise(xs []float64) sample {
	var s sample
	var m2 float64
	for _, x := range xs {
		s.n++
		d := x - s.mean
		s.mean += d / float64(s.n)
		m2 += d * (x - s.mean)
	}
	if s.n > 1 {
		s.vari = m2 / float64(s.n-1)
	}
	return s
}

// relative is a/b − 1 for two independent positive means whose
// estimates have variances va and vb, with the delta method's interval
// on the log scale: log(a/b) ± z·√(va/a² + vb/b²), taken back.
func relative(a, va, b, vb float64) app.Estimate {
	if a <= 0 || b <= 0 {
		return app.Estimate{}
	}
	l, se := math.Log(a/b), math.Sqrt(va/(a*a)+vb/(b*b))
	return app.Estimate{Value: a/b - 1, Low: math.Exp(l-z95*se) - 1, High: math.Exp(l+z95*se) - 1, Valid: true}
}

// normalDiff is a − b with the normal interval a − b ± z·√(va + vb).
func normalDiff(a, va, b, vb float64) app.Estimate {
	d, h := a-b, z95*math.Sqrt(va+vb)
	return app.Estimate{Value: d, Low: d - h, High: d + h, Valid: true}
}

// welch is the difference of the means of t and c with Welch's interval:
// Student's t at the Welch–Satterthwaite degrees of freedom.
func welch(t, c sample) app.Estimate {
	if t.n < 2 || c.n < 2 {
		return app.Estimate{}
	}
	vt, vc := t.vari/float64(t.n), c.vari/float64(c.n)
	d := t.mean - c.mean
	if vt+vc == 0 {
		return app.Estimate{Value: d, Low: d, High: d, Valid: true}
	}
	df := (vt + vc) * (vt + vc) / (vt*vt/float64(t.n-1) + vc*vc/float64(c.n-1))
	h := t975(df) * math.Sqrt(vt+vc)
	return app.Estimate{Value: d, Low: d - h, High: d + h, Valid: true}
}

// t975 is Student's t 97.5% quantile at df degrees of freedom: from the
// tables below 10 (df taken down to a whole number, which widens the
// interval a little), by the Cornish–Fisher expansion (Abramowitz &
// Stegun 26.7.5) from 10 on, within 0.0005 of the tables there.
func t975(df float64) float64 {
	if df < 10 {
		return t975Table[max(int(df), 1)]
	}
	z := z95
	z2 := z * z
	g1 := (z2 + 1) * z / 4
	g2 := ((5*z2+16)*z2 + 3) * z / 96
	g3 := (((3*z2+19)*z2+17)*z2 - 15) * z / 384
	g4 := ((((79*z2+776)*z2+1482)*z2-1920)*z2 - 945) * z / 92160
	return z + g1/df + g2/(df*df) + g3/(df*df*df) + g4/(df*df*df*df)
}

// t975Table is Student's t 97.5% quantile for 1 to 9 degrees of freedom.
var t975Table = [10]float64{1: 12.706205, 2: 4.302653, 3: 3.182446, 4: 2.776445, 5: 2.570582, 6: 2.446912, 7: 2.364624, 8: 2.306004, 9: 2.262157}

// wilson is the Wilson score interval of x successes in n.
func wilson(x, n int) (lo, hi float64) {
	p, nf := float64(x)/float64(n), float64(n)
	centre := p + z95*z95/(2*nf)
	half := z95 * math.Sqrt(p*(1-p)/nf+z95*z95/(4*nf*nf))
	den := 1 + z95*z95/nf
	return (centre - half) / den, (centre + half) / den
}

// newcombe is the difference of proportions xt/nt − xc/nc with
// Newcombe's hybrid score interval (1998, method 10), built from each
// proportion's Wilson interval; it stays within [−1, 1] and behaves at
// 0 and 1, where the Wald interval does not.
func newcombe(xt, nt, xc, nc int) app.Estimate {
	if nt == 0 || nc == 0 {
		return app.Estimate{}
	}
	pt, pc := float64(xt)/float64(nt), float64(xc)/float64(nc)
	lt, ut := wilson(xt, nt)
	lc, uc := wilson(xc, nc)
	d := pt - pc
	return app.Estimate{Value: d, Low: d - math.Sqrt((pt-lt)*(pt-lt)+(uc-pc)*(uc-pc)),
		High: d + math.Sqrt((ut-pt)*(ut-pt)+(pc-lc)*(pc-lc)), Valid: true}
}

// riskRatio is the relative difference of proportions xt/nt ÷ xc/nc − 1
// with the Katz log interval: log RR ± z·√(1/xt − 1/nt + 1/xc − 1/nc).
func riskRatio(xt, nt, xc, nc int) app.Estimate {
	if xt == 0 || xc == 0 {
		return app.Estimate{}
	}
	rr := (float64(xt) / float64(nt)) / (float64(xc) / float64(nc))
	se := math.Sqrt(1/float64(xt) - 1/float64(nt) + 1/float64(xc) - 1/float64(nc))
	l := math.Log(rr)
	return app.Estimate{Value: rr - 1, Low: math.Exp(l-z95*se) - 1, High: math.Exp(l+z95*se) - 1, Valid: true}
}
