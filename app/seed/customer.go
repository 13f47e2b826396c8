package seed

import (
	"math/rand/v2"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// cust is one customer's story, drawn before its rows are written.
type cust struct {
	i       int
	r       *rand.Rand
	ext     string
	union   string
	g       guide   // the guide added first, and owner
	ch      channel // the channel of the add (zero: none)
	added   time.Time
	end     time.Time // the relation ended (zero: never)
	endBy   string
	readd   time.Time // added again after the end (zero: never)
	g2      *guide    // a second guide added later
	added2  time.Time
	pool    bool  // waits in the pool: no owner
	member  int64 // its member's id (0: none)
	merged  bool  // the member was merged into another
	invitee int   // the referral campaign it came through, -1: none
}

// Shares of the customers' stories.
const (
	unionShare   = 0.9  // customers with a WeChat unionid
	memberShare  = 0.75 // of those, members
	oldShare     = 0.25 // added before the window
	endShare     = 0.12 // relations that ended
	readdShare   = 0.15 // of those, added again
	secondShare  = 0.06 // customers who add a second guide
	poolShare    = 0.03
	hqShare      = 0.03 // added by a member of staff who is no guide
	onlineShare  = 0.12 // added by the online team
	blockSize    = 100  // a referral participant and their invitees
	participant  = 7    // the participant's place in a block
	inviteesFrom = 10   // invitees' places in a block: [10, 15)
	inviteesTo   = 15
)

// draw tells customer i's story.
func (w *world) draw(i int) *cust {
	c := &cust{i: i, r: w.rng(uint64(i)), ext: w.ext(i), invitee: -1}
	r := c.r
	slot := i % blockSize
	if slot == participant || slot >= inviteesFrom && slot < inviteesTo || chance(r, unionShare) {
		c.union = "ou_" + c.ext
	}
	c.g, c.ch = w.adder(r)
	if slot >= inviteesFrom && slot < inviteesTo && i-slot+participant < w.o.Customers {
		c.invitee = (i / blockSize) % len(w.camps)
		cp := w.camps[c.invitee]
		c.ch, c.added = cp.channel, between(r, cp.from, cp.to)
	} else {
		c.added = w.addTime(r, i)
	}
	w.drawEnd(c)
	if chance(r, secondShare) {
		g2 := w.org.guides[r.IntN(len(w.org.guides))]
		if at := c.added.Add(time.Duration(1+r.IntN(30*24)) * time.Hour); g2.userid != c.g.userid && at.Before(w.w1) {
			c.g2, c.added2 = &g2, at
		}
	}
	c.pool = c.g.store != 0 && chance(r, poolShare)
	if c.union != "" && chance(r, memberShare) {
		c.member, c.merged = w.ids.member+2*int64(i), chance(r, 0.01)
	}
	return c
}

// adder draws the guide a customer adds and the channel they come by.
func (w *world) adder(r *rand.Rand) (guide, channel) {
	if chance(r, hqShare) {
		if chance(r, 0.5) {
			return w.org.hq, w.org.camps[r.IntN(len(w.org.camps))]
		}
		return w.org.hq, channel{}
	}
	stores := w.org.stores
	st := stores[len(stores)-1]
	if !chance(r, onlineShare) {
		st = stores[r.IntN(len(stores)-1)]
	}
	g := w.org.guides[st.guides[r.IntN(len(st.guides))]]
	switch x := r.Float64(); {
	case x < 0.55 || st.online && x < 0.7:
		return g, st.channel
	case x < 0.7 || st.online:
		return g, w.org.camps[r.IntN(len(w.org.camps))]
	}
	return g, channel{}
}

// addTime draws when customer i added their guide: a quarter before the
// window, the others on a day of it in opening hours; some exactly at a
// day's first or last instant, where a day's bounds are tested.
func (w *world) addTime(r *rand.Rand, i int) time.Time {
	if chance(r, oldShare) {
		return between(r, w.w0.AddDate(0, 0, -180), w.w0)
	}
	k := r.IntN(w.o.Days)
	switch i % 500 {
	case 0:
		return w.day(k)
	case 1:
		return w.day(k + 1).Add(-time.Millisecond)
	}
	return between(r, w.day(k).Add(9*time.Hour), w.day(k).Add(22*time.Hour))
}

// drawEnd decides whether and how the relation ended, and whether the
// customer came back.
func (w *world) drawEnd(c *cust) {
	r := c.r
	if !chance(r, endShare) {
		return
	}
	end := c.added.Add(time.Duration(1+r.IntN(60*24)) * time.Hour)
	if !end.Before(w.w1) {
		return
	}
	c.end, c.endBy = end, app.EndedByCustomer
	if chance(r, 0.25) {
		c.endBy = app.EndedByGuide
	}
	if readd := end.Add(time.Duration(1+r.IntN(20*24)) * time.Hour); chance(r, readdShare) && readd.Before(w.w1) {
		c.readd = readd
	}
}

// gone reports whether c no longer follows its guide at t.
func (c *cust) gone(t time.Time) bool {
	return !c.end.IsZero() && !c.end.After(t) && (c.readd.IsZero() || c.readd.After(t))
}

// until is the end of c's active life: touches stop when it left.
func (w *world) until(c *cust) time.Time {
	if !c.end.IsZero() && c.readd.IsZero() {
		return c.end
	}
	return w.w1
}
