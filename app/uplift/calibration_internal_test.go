package uplift

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app"
)

// replications is how many synthetic experiments each calibration runs.
const replications = 400

// Over many synthetic experiments with a known +30% effect, each 95%
// interval holds the true value about 95% of the time (between 92% and
// 98% of 400: the binomial spread is 1.1 points): the intervals are
// neither too narrow nor needlessly wide. So one seeded experiment
// missing the truth is the expected one time in twenty, not a bug.
func TestIntervalsHoldTheTruthNinetyFivePercent(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 8))
	t.Run("Holdout", func(t *testing.T) {
		const pc, pt, meanCents = 0.27, 0.27 * 1.3, 27500.0
		held := map[string]int{}
		for range replications {
			var tr, co arm
			for range 1500 {
				tr.add(draw(rng, pt), time.Time{})
				co.add(draw(rng, pc), time.Time{})
			}
			r := holdoutResult(1, app.UpliftMassSend, 1, 14, tr, co, time.Time{})
			count(held, "conversion", r.Conversion, pt-pc)
			count(held, "lift", r.ConversionLift, 0.3)
			count(held, "revenue", r.Revenue, (pt-pc)*meanCents)
			count(held, "spend", r.Spend, 0.3)
		}
		for _, name := range []string{"conversion", "lift", "revenue", "spend"} {
			t.Logf("%s held the truth %d times in %d", name, held[name], replications)
			assert.InDelta(t, 0.95, float64(held[name])/replications, 0.03, "%s held the truth %d times in %d", name, held[name], replications)
		}
	})
	t.Run("Guide", func(t *testing.T) {
		held := map[string]int{}
		for range replications {
			var strata []*stratum
			for _, s := range []struct {
				nt, nc int
				base   float64
			}{{300, 150, 2000}, {60, 600, 1000}, {40, 200, 500}, {25, 25, 4000}} {
				st := &stratum{}
				for range s.nt {
					st.treated = append(st.treated, spendOf(rng, 1.3*s.base))
				}
				for range s.nc {
					st.control = append(st.control, spendOf(rng, s.base))
				}
				strata = append(strata, st)
			}
			r := estimateATT(strata)
			count(held, "spend", r.spend, 0.3)
		}
		t.Logf("spend held the truth %d times in %d", held["spend"], replications)
		assert.InDelta(t, 0.95, float64(held["spend"])/replications, 0.03, "held the truth %d times in %d", held["spend"], replications)
	})
}

// draw is one customer of a holdout experiment: ordering with chance p,
// once, ¥50–500.
func draw(rng *rand.Rand, p float64) outcome {
	if rng.Float64() >= p {
		return outcome{}
	}
	return outcome{net: 5000 + rng.Int64N(45001), ordered: true}
}

// spendOf is a member's annual spend of mean mean: nothing three times
// in ten, else exponential.
func spendOf(rng *rand.Rand, mean float64) float64 {
	if rng.Float64() < 0.3 {
		return 0
	}
	return mean / 0.7 * rng.ExpFloat64()
}

func count(held map[string]int, name string, e app.Estimate, truth float64) {
	if e.Covers(truth) {
		held[name]++
	}
}
