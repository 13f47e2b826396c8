package uplift_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// shanghai is the synthetic corps' zone.
var shanghai, _ = time.LoadLocation("Asia/Shanghai")

// The months compared at now with 6 months ending 90 days back: from
// September 2025 to February 2026, in the corp's zone.
var (
	guideFrom = time.Date(2025, 9, 1, 0, 0, 0, 0, shanghai)
	guideTo   = time.Date(2026, 3, 1, 0, 0, 0, 0, shanghai)
)

// spent is one order as the test keeps it: when, and the net amount.
type spent struct {
	at    time.Time
	cents int64
}

// guideMember is one generated member as the test knows it.
type guideMember struct {
	store  int
	link   time.Time // zero: never linked
	orders []spent
}

// seedGuide writes the guide corp (see the generator's description) with
// the given effect of a link on the rate of buying, and returns it with
// what the test knows.
func seedGuide(t *testing.T, d *db.DB, core *root.Core, effect float64, seed uint64) (*corp, []guideMember) {
	c := newCorp(t, d, core)
	rng := rand.New(rand.NewPCG(seed, 99))
	ms := make([]guideMember, guideMembers)
	for i := range ms {
		ms[i] = genGuideMember(rng, i%2, effect)
		if l := ms[i].link; !l.IsZero() && !l.Before(guideFrom) && l.Before(guideTo) {
			c.linked[i%2]++
		}
	}
	members := rows{cols: "corp_id, scope, home_store_id, status, merged_into, created_at, updated_at"}
	for _, m := range ms {
		members.add("(%d, 0, %d, 'active', NULL, %s, %s)", c.id, c.stores[m.store], ts(now.AddDate(-3, 0, 0)), ts(now))
	}
	first := insertMembers(t, d, c.id, &members)
	merged := rows{cols: members.cols}
	for i := 0; i < len(ms); i += 25 {
		merged.add("(%d, 0, %d, 'merged', %d, %s, %s)", c.id, c.stores[ms[i].store], first+int64(i), ts(now.AddDate(-3, 0, 0)), ts(now))
	}
	firstMerged := insertMembers(t, d, c.id, &merged)
	ob := newOrderBook(c.id)
	links := rows{cols: "corp_id, kind, source_id, member_id, userid, at, created_at"}
	follows := rows{cols: "corp_id, userid, external_userid, add_time, created_at, updated_at"}
	idents := rows{cols: "corp_id, scope, member_id, kind, value, created_at"}
	for i, m := range ms {
		id := first + int64(i)
		for j, o := range m.orders {
			rec := id
			if i%25 == 0 && j%2 == 1 {
				rec = firstMerged + int64(i/25) // every other order on the merged record
			}
			ob.addNet(rec, o)
		}
		if m.link.IsZero() {
			continue
		}
		if i%2 == 0 {
			links.add("(%d, 'add', 'add-%d', %d, 'g1', %s, %s)", c.id, i, id, ts(m.link), ts(now))
			continue
		}
		follows.add("(%d, 'g1', 'wg%05d', %s, %s, %s)", c.id, i, ts(m.link), ts(now), ts(now))
		idents.add("(%d, 0, %d, 'external_userid', 'wg%05d', %s)", c.id, id, i, ts(now))
	}
	ob.rows.insert(t, d, "orders")
	links.insert(t, d, "touches")
	follows.insert(t, d, "follows")
	idents.insert(t, d, "member_identities")
	return c, ms
}

// genGuideMember draws one member of store: its rate, link and orders.
func genGuideMember(rng *rand.Rand, store int, effect float64) guideMember {
	m := guideMember{store: store}
	rate := []float64{1, 2}[rng.IntN(2)] * []float64{2, 1}[store]
	switch r := rng.Float64(); {
	case r < []float64{0.5, 0.15}[store]:
		m.link = guideFrom.Add(time.Duration(rng.Float64() * float64(guideTo.Sub(guideFrom))))
	case r < []float64{0.55, 0.20}[store]:
		m.link = guideFrom.Add(-time.Duration(1+rng.IntN(200)) * 24 * time.Hour)
	case r < []float64{0.60, 0.25}[store]:
		m.link = guideTo.Add(time.Duration(rng.Float64() * float64(now.Sub(guideTo))))
	}
	start, boost := guideFrom.AddDate(0, 0, -150), now
	if !m.link.IsZero() {
		boost = m.link
	}
	times := append(poisson(rng, rate, start, boost), poisson(rng, rate*effect, boost, now)...)
	for _, at := range times {
		c := cents(rng)
		m.orders = append(m.orders, spent{at: at, cents: c})
		if rng.IntN(20) == 0 {
			m.orders = append(m.orders, spent{at: at.Add(72 * time.Hour), cents: -c / 2})
		}
	}
	return m
}

// naiveRatio is the unstratified comparison the matching corrects: the
// linked members' mean annualised spend in the year from the day after
// their link over that of every member never linked, measured from the
// day after the middle of the months compared.
func naiveRatio(ms []guideMember) float64 {
	var linked []time.Time
	var t, c float64
	var nt, nc int
	for _, m := range ms {
		if l := m.link; !l.IsZero() && !l.Before(guideFrom) && l.Before(guideTo) {
			t, nt, linked = t+annual(m.orders, l), nt+1, append(linked, l)
		}
	}
	ref := guideFrom.Add(guideTo.Sub(guideFrom) / 2)
	for _, m := range ms {
		if m.link.IsZero() {
			c, nc = c+annual(m.orders, ref), nc+1
		}
	}
	return (t / float64(nt)) / (c / float64(nc))
}

// annual is the spend of os from a day after ref for up to a year,
// annualised.
func annual(os []spent, ref time.Time) float64 {
	from := ref.Add(24 * time.Hour)
	to := from.Add(365 * 24 * time.Hour)
	if to.After(now) {
		to = now
	}
	var sum int64
	for _, o := range os {
		if !o.at.Before(from) && o.at.Before(to) {
			sum += o.cents
		}
	}
	return float64(sum) * float64(365*24*time.Hour) / float64(to.Sub(from))
}
