package uplift

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Newcombe's interval for a difference of proportions reproduces every
// example of his paper (Statistics in Medicine 17, 1998, table II,
// method 10), and Wilson's those of its companion on single proportions.
func TestNewcombeMatchesPublishedExamples(t *testing.T) {
	tests := []struct {
		name           string
		xt, nt, xc, nc int
		lo, hi         float64
	}{
		{"a", 56, 70, 48, 80, 0.0524, 0.3339},
		{"b", 9, 10, 3, 10, 0.1705, 0.8090},
		{"c", 6, 7, 2, 7, 0.0582, 0.8062},
		{"d", 5, 56, 0, 29, -0.0381, 0.1926},
		{"e", 0, 10, 0, 20, -0.1611, 0.2775},
		{"f", 0, 10, 0, 10, -0.2775, 0.2775},
		{"g", 10, 10, 0, 20, 0.6791, 1.0000},
		{"h", 10, 10, 0, 10, 0.6075, 1.0000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newcombe(tc.xt, tc.nt, tc.xc, tc.nc)
			assert.InDelta(t, tc.lo, e.Low, 0.00006)
			assert.InDelta(t, tc.hi, e.High, 0.00006)
			assert.InDelta(t, float64(tc.xt)/float64(tc.nt)-float64(tc.xc)/float64(tc.nc), e.Value, 1e-12)
		})
	}
	lo, hi := wilson(81, 263)
	assert.InDelta(t, 0.2553, lo, 0.00006)
	assert.InDelta(t, 0.3662, hi, 0.00006)
	lo, hi = wilson(15, 148)
	assert.InDelta(t, 0.0624, lo, 0.00006)
	assert.InDelta(t, 0.1605, hi, 0.00006)
}

// Student's t quantile is within 0.0005 of the printed tables.
func TestT975MatchesTables(t *testing.T) {
	table := map[float64]float64{1: 12.7062, 2: 4.3027, 3: 3.1824, 4: 2.7764, 5: 2.5706, 9: 2.2622, 10: 2.2281, 12: 2.1788,
		15: 2.1314, 20: 2.0860, 30: 2.0423, 60: 2.0003, 120: 1.9799, 1e6: 1.9600}
	for df, want := range table {
		assert.InDelta(t, want, t975(df), 0.0005, "df %v", df)
	}
	assert.Equal(t, t975(3), t975(3.7), "below 10, a fraction of a degree is taken down")
}

// Welch's interval is the textbook one: the difference of the means ±
// t(df) times its standard error, df by Welch–Satterthwaite, all
// computed here from the raw numbers.
func TestWelchMatchesTextbook(t *testing.T) {
	a := []float64{27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4}
	b := []float64{27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4, 28.1, 19.9, 25.0}
	mean := func(xs []float64) float64 {
		s := 0.0
		for _, x := range xs {
			s += x
		}
		return s / float64(len(xs))
	}
	vari := func(xs []float64) float64 {
		m, s := mean(xs), 0.0
		for _, x := range xs {
			s += (x - m) * (x - m)
		}
		return s / float64(len(xs)-1)
	}
	va, vb := vari(a)/float64(len(a)), vari(b)/float64(len(b))
	df := (va + vb) * (va + vb) / (va*va/float64(len(a)-1) + vb*vb/float64(len(b)-1))
	require.InDelta(t, 27.29, df, 0.01, "the example's Welch degrees of freedom")
	d, se := mean(a)-mean(b), math.Sqrt(va+vb)
	e := welch(summarise(a), summarise(b))
	assert.InDelta(t, d, e.Value, 1e-9)
	// t(0.975, 27.29) lies between the tables' 2.0518 (27) and 2.0484 (28).
	assert.InDelta(t, d-2.0508*se, e.Low, 0.001*se)
	assert.InDelta(t, d+2.0508*se, e.High, 0.001*se)
}

// With one stratum the guide estimator is the plain ratio of means and
// the delta method's textbook interval on log(ratio), computed here; the
// Katz risk ratio likewise.
func TestUnstratifiedMatchesTextbook(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	s := &stratum{}
	for range 400 {
		s.treated = append(s.treated, 1000+rng.Float64()*800)
	}
	for range 900 {
		s.control = append(s.control, 900+rng.Float64()*500)
	}
	mt, mc := mean2(s.treated), mean2(s.control)
	vt, vc := var2(s.treated), var2(s.control)
	se := math.Sqrt(vt/(400*mt*mt) + vc/(900*mc*mc))
	r := estimateATT([]*stratum{s})
	assert.InDelta(t, mt/mc-1, r.spend.Value, 1e-9)
	assert.InDelta(t, math.Exp(math.Log(mt/mc)-1.96*se)-1, r.spend.Low, 1e-4)
	assert.InDelta(t, math.Exp(math.Log(mt/mc)+1.96*se)-1, r.spend.High, 1e-4)
	assert.InDelta(t, mt-mc, r.revenue.Value, 1e-6)
	assert.InDelta(t, 1.96*math.Sqrt(vt/400+vc/900), r.revenue.High-r.revenue.Value, 0.01)
	assert.Equal(t, [3]int64{400, 900, 1}, [3]int64{r.treated, r.control, r.strata})

	rr := riskRatio(30, 100, 20, 100)
	k := math.Sqrt(1.0/30 - 1.0/100 + 1.0/20 - 1.0/100)
	assert.InDelta(t, 0.5, rr.Value, 1e-12)
	assert.InDelta(t, 1.5*math.Exp(-1.96*k)-1, rr.Low, 1e-4)
	assert.InDelta(t, 1.5*math.Exp(1.96*k)-1, rr.High, 1e-4)
}

// Over strata of different make-up, the estimate reweights each
// stratum's controls to its share of the treated (computed here by
// hand), its interval agrees with a stratified bootstrap run here with
// a fixed seed, and a stratum missing a group is dropped and counted.
func TestStratifiedMatchesBootstrap(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	draw := func(n int, base float64) []float64 {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = base * rng.ExpFloat64()
		}
		return xs
	}
	strata := []*stratum{
		{treated: draw(300, 2600), control: draw(150, 2000)},
		{treated: draw(60, 1300), control: draw(600, 1000)},
		{treated: draw(40, 650), control: draw(200, 500)},
		{treated: draw(5, 9000), control: draw(1, 100)},
	}
	r := estimateATT(strata)
	var a, b float64
	for _, s := range strata[:3] {
		w := float64(len(s.treated)) / 400
		a, b = a+w*mean2(s.treated), b+w*mean2(s.control)
	}
	assert.InDelta(t, a/b-1, r.spend.Value, 1e-9)
	assert.Equal(t, [4]int64{400, 950, 1, 5}, [4]int64{r.treated, r.control, r.dropped, r.treatedDropped})

	boots := make([]float64, 2000)
	for i := range boots {
		var ba, bb float64
		for _, s := range strata[:3] {
			w := float64(len(s.treated)) / 400
			ba, bb = ba+w*mean2(resample(rng, s.treated)), bb+w*mean2(resample(rng, s.control))
		}
		boots[i] = ba/bb - 1
	}
	slices.Sort(boots)
	lo, hi := boots[49], boots[1950]
	width := r.spend.High - r.spend.Low
	assert.InDelta(t, lo, r.spend.Low, 0.1*width, "bootstrap 2.5%% %.4f, delta %.4f", lo, r.spend.Low)
	assert.InDelta(t, hi, r.spend.High, 0.1*width, "bootstrap 97.5%% %.4f, delta %.4f", hi, r.spend.High)
}

func resample(rng *rand.Rand, xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i := range out {
		out[i] = xs[rng.IntN(len(xs))]
	}
	return out
}

func mean2(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func var2(xs []float64) float64 {
	m, s := mean2(xs), 0.0
	for _, x := range xs {
		s += (x - m) * (x - m)
	}
	return s / float64(len(xs)-1)
}
