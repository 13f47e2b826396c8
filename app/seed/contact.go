package seed

import (
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// contact writes c's customer row, follows, ending, owner, adds with their
// welcomes, and the touches of its life with the guide.
func (w *world) contact(e *emit, c *cust) {
	r := c.r
	e.row(tCustomers, w.corp, c.ext, c.union, personName(r), 1, 1+r.IntN(2), c.added, c.added)
	w.follow(e, c)
	w.add(e, c, c.g, c.ch, c.added, "")
	if !c.readd.IsZero() {
		w.add(e, c, c.g, channel{}, c.readd, "r")
	}
	if c.g2 != nil {
		w.add(e, c, *c.g2, w.storeChannel(c.g2.store), c.added2, "b")
		e.row(tFollows, w.corp, c.g2.userid, c.ext, "", c.added2, 1, w.storeChannel(c.g2.store).state, nil, "", c.added2, c.added2)
	}
	userid, storeID, status := c.g.userid, null(c.g.store), app.OwnerAssigned
	if c.pool {
		userid, storeID, status = "", nil, app.OwnerPool
	}
	e.row(tOwners, w.corp, 0, c.ext, userid, storeID, null(c.ch.id), status, c.added, c.added)
	w.touch(e, c, app.TouchOwner, "o", c.g, c.added.Add(time.Second), 0)
	w.touches(e, c)
}

// follow writes c's relation with its first guide as the mirror keeps
// it (the latest state: a re-add clears the deletion) and the ending.
func (w *world) follow(e *emit, c *cust) {
	added, deleted, by := c.added, any(nil), ""
	if !c.end.IsZero() {
		by = app.FollowDeletedByCustomer
		if c.endBy == app.EndedByGuide {
			by = app.FollowDeletedByMember
		}
		deleted = c.end
		e.row(tEnds, w.corp, fmt.Sprintf("%s:e%d", w.tag, c.i), c.g.userid, c.ext, c.g.store, c.endBy, c.end)
	}
	if !c.readd.IsZero() {
		added, deleted, by = c.readd, nil, ""
	}
	e.row(tFollows, w.corp, c.g.userid, c.ext, "", added, 1, c.ch.state, deleted, by, c.added, added)
}

// storeChannel is the channel of store id.
func (w *world) storeChannel(id int64) channel {
	for _, s := range w.org.stores {
		if s.id == id {
			return s.channel
		}
	}
	return channel{}
}

// Welcome outcomes and their shares (the rest are sent).
var welcomeFails = []struct {
	status string
	share  float64
	err    string
}{{app.WelcomeNoCode, 0.06, ""}, {app.WelcomeExpired, 0.06, "welcome_code expired"}, {app.WelcomeRefused, 0.03, "errcode 41051"},
	{app.WelcomeNoTemplate, 0.03, ""}}

// add writes an add touch of c to g at at, and its welcome.
func (w *world) add(e *emit, c *cust, g guide, ch channel, at time.Time, suffix string) {
	e.row(tTouches, w.corp, app.TouchAdd, fmt.Sprintf("%s:a%d%s", w.tag, c.i, suffix), c.ext, null(c.member), g.userid, null(g.store),
		null(ch.id), ch.state, false, "", at, at)
	created := at.Add(time.Duration(1+c.r.IntN(4000)) * time.Millisecond)
	status, errText, sent := app.WelcomeSent, "", any(nil)
	x := c.r.Float64()
	for _, f := range welcomeFails {
		if x < f.share {
			status, errText = f.status, f.err
			break
		}
		x -= f.share
	}
	if status == app.WelcomeSent && created.Before(w.w1) {
		sent = created.Add(300 * time.Millisecond)
		w.touch(e, c, app.TouchWelcome, "w"+suffix, g, sent.(time.Time), 0)
	}
	e.row(tWelcomes, w.corp, fmt.Sprintf("%s:w%d%s", w.tag, c.i, suffix), g.userid, c.ext, null(ch.id), status, 1, errText, sent, created, created)
}

// touch writes one touch of c by g; n numbers touches of a kind.
func (w *world) touch(e *emit, c *cust, kind, key string, g guide, at time.Time, n int) {
	e.row(tTouches, w.corp, kind, fmt.Sprintf("%s:%s%d:%d", w.tag, key, c.i, n), c.ext, null(c.member), g.userid, null(g.store), nil, "",
		kind == app.TouchPanelSend, "", at, at)
}

// touches writes the touches of c's life with its guide: tags, panel
// sends, share-link opens and group joins.
func (w *world) touches(e *emit, c *cust) {
	r := c.r
	from, to := c.added, w.until(c)
	if lo := w.w0.AddDate(0, 0, -30); from.Before(lo) {
		from = lo
	}
	for _, k := range []struct {
		kind, key string
		n         int
	}{{app.TouchTag, "t", r.IntN(3)}, {app.TouchPanelSend, "p", r.IntN(8)}, {app.TouchShareClick, "s", r.IntN(4)}, {app.TouchGroupJoin, "j", r.IntN(2)}} {
		for n := range k.n {
			w.touch(e, c, k.kind, k.key, c.g, between(r, from, to), n)
		}
	}
}
