package stats_test

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// edgeChannel is the channel of the one add placed at 23:30 local on the
// first day: its row must be on that day, whatever the UTC date.
const edgeChannel = 103

// newFixture draws the ledgers of a corp in loc around the three days
// from first (yyyy-mm-dd), computed at now. Stores, guides and members
// are inserted first (fill), so the rows can name them.
func newFixture(seed uint64, loc *time.Location, first string, now time.Time) *fixture {
	d, _ := time.Parse(time.DateOnly, first)
	f := &fixture{loc: loc, now: now, r: rand.New(rand.NewPCG(seed, seed*7+1)), brandOf: map[int64]int64{}, guideOf: map[string]int64{}}
	for i := range 3 {
		f.days = append(f.days, d.AddDate(0, 0, i).Format(time.DateOnly))
	}
	f.first = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
	f.end = time.Date(d.Year(), d.Month(), d.Day()+3, 0, 0, 0, 0, loc)
	return f
}

// draw fills the ledgers' rows; the stores and members must be known.
func (f *fixture) draw() {
	f.drawTouches()
	for range 30 {
		f.ends = append(f.ends, endRow{userID: f.guide(false), by: pick(f.r, "customer", "guide"), store: pick(f.r, append(f.stores, 0)...), at: f.at()})
		f.welcomes = append(f.welcomes, welcomeRow{userID: f.guide(false), status: pick(f.r, "sent", "failed", "pending"), channel: f.channel(), created: f.at()})
	}
	for range 40 {
		t := taskRow{userID: f.guide(false), status: pick(f.r, "open", "done", "cancelled"), due: maybe(f.r, f.at())}
		if t.status == "done" || f.r.IntN(4) == 0 {
			t.done = ptr(f.at())
		}
		f.tasks = append(f.tasks, t)
		rc := recipRow{userID: f.guide(true), excluded: pick(f.r, "", "", "limit"), result: pick(f.r, "", "sent", "sent", "failed"), planned: f.at()}
		if rc.result != "" {
			rc.resultAt = ptr(f.at())
		}
		f.recips = append(f.recips, rc)
		fl := followRow{userID: f.guide(false), external: fmt.Sprintf("wm%03d", len(f.follows)), added: ptr(f.at().Add(-48 * time.Hour))}
		if f.r.IntN(10) == 0 {
			fl.added = nil
		}
		if f.r.IntN(5) < 2 {
			fl.deleted = ptr(f.at())
		}
		f.follows = append(f.follows, fl)
	}
	for range 20 {
		f.chunks = append(f.chunks, chunkRow{userID: f.guide(false), confirmed: f.r.IntN(2) == 0, created: f.at()})
		f.fires = append(f.fires, fireRow{owner: f.guide(false), status: pick(f.r, "pending", "done", "failed"), due: f.at()})
		h := helpRow{userID: f.guide(true), store: f.store(), status: pick(f.r, "credited", "credited", "held", "rejected")}
		if h.status == "credited" || f.r.IntN(3) == 0 {
			h.credited = ptr(f.at())
		}
		f.helps = append(f.helps, h)
	}
	f.drawBehavior()
}

// drawTouches draws adds and chats, some of members (with adds before the
// days, so a first order finds the add that led to it), and the edge add.
func (f *fixture) drawTouches() {
	for range 80 {
		t := touchRow{kind: pick(f.r, "add", "add", "add", "chat"), userID: f.guide(true), store: f.store(), channel: f.channel(), at: f.at()}
		if f.r.IntN(3) == 0 {
			t.member = ptr(pick(f.r, f.members...).id)
			t.at = t.at.Add(-time.Duration(f.r.IntN(72)) * time.Hour)
		}
		f.touches = append(f.touches, t)
	}
	y, m, d := f.first.Date()
	f.touches = append(f.touches, touchRow{kind: "add", userID: "g1", store: ptr(f.stores[0]), channel: ptr(int64(edgeChannel)),
		at: time.Date(y, m, d, 23, 30, 0, 0, f.loc).UTC()})
}

// drawOrders draws sales (some before the days, so not every sale of the
// days is a first order), refunds of some, and their credits under every
// rule version, a few of another model.
func (f *fixture) drawOrders() []orderRow {
	var sales []orderRow
	for range 30 {
		o := orderRow{kind: "sale", store: f.store(), amount: 100 + f.r.Int64N(10000), paid: f.at()}
		if f.r.IntN(10) < 7 {
			o.member = ptr(pick(f.r, f.members...).id)
		}
		if f.r.IntN(4) == 0 {
			o.paid = o.paid.Add(-48 * time.Hour)
		}
		sales = append(sales, o)
	}
	return sales
}

// drawCredits credits every order under every rule version, in one or two
// lines, a tenth of them of another model.
func (f *fixture) drawCredits() {
	for _, o := range f.orders {
		for _, rl := range f.rules {
			model := "rules"
			if f.r.IntN(10) == 0 {
				model = "linear"
			}
			lines := 1 + f.r.IntN(2)
			for l := range lines {
				amount := o.amount / int64(lines)
				if l == 0 {
					amount = o.amount - amount*int64(lines-1)
				}
				f.credits = append(f.credits, creditRow{order: o.id, rules: rl.id, model: model, line: l + 1, userID: f.guide(true),
					team: pick(f.r, "store", "online"), store: f.store(), amount: amount, paid: o.paid})
			}
		}
	}
}

// drawBehavior draws WeCom's chat figures for some guide-days, one day
// outside the three.
func (f *fixture) drawBehavior() {
	days := append([]string{f.first.AddDate(0, 0, -1).Format(time.DateOnly)}, f.days...)
	for _, u := range []string{"g1", "g2", "g3", "g4", "x9"} {
		for _, d := range days {
			if f.r.IntN(5) < 2 {
				continue
			}
			b := behaviorRow{userID: u, day: d, chat: f.r.Int64N(20), msg: f.r.Int64N(90), neg: f.r.Int64N(2), apply: f.r.Int64N(5), added: f.r.Int64N(5)}
			b.replyPct, b.replyTime = maybe(f.r, f.r.Int64N(10001)), maybe(f.r, f.r.Int64N(3000))
			f.behavior = append(f.behavior, b)
		}
	}
}
