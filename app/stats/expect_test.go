package stats_test

import (
	"strconv"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// key names a row of a day: dimension, key and store.
type key struct {
	dim, key string
	store    int64
}

// expectation is the figures of one day computed from the fixture's rows
// by the definitions, one loop per ledger, with no SQL.
type expectation struct {
	f      *fixture
	day    string
	rows   map[key]*app.Figures
	orders map[key]map[int64]bool // orders with a positive credited line
}

func val(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func (e *expectation) in(t time.Time) bool { return e.f.localDay(t) == e.day }

func (e *expectation) row(k key) *app.Figures {
	if e.rows[k] == nil {
		e.rows[k] = &app.Figures{}
	}
	return e.rows[k]
}

// to applies fn to the rows a figure of guide userID, store and channel
// counts in: the corp's, the guide's (under their binding's store), the
// store's and the channel's (under the figure's store).
func (e *expectation) to(userID string, store, channel int64, fn func(*app.Figures)) {
	fn(e.row(key{"corp", "", 0}))
	if userID != "" {
		fn(e.row(key{"guide", userID, e.f.guideOf[userID]}))
	}
	if store != 0 {
		fn(e.row(key{"store", itoa(store), store}))
	}
	if channel != 0 {
		fn(e.row(key{"channel", itoa(channel), store}))
	}
}

// expect is every row of day, rows of all-zero figures left out.
func (f *fixture) expect(day string) map[key]app.Figures {
	e := &expectation{f: f, day: day, rows: map[key]*app.Figures{}, orders: map[key]map[int64]bool{}}
	e.contacts()
	e.work()
	e.credits()
	e.firstOrders()
	e.channelOrders()
	e.chat()
	for k, set := range e.orders {
		e.row(k).Orders += int64(len(set))
	}
	for k, fig := range e.rows {
		if b, ok := f.brandOf[k.store]; ok && k.dim == "store" {
			e.row(key{"brand", itoa(b), 0}).Add(*fig)
		}
	}
	out := map[key]app.Figures{}
	for k, fig := range e.rows {
		if *fig != (app.Figures{}) {
			out[k] = *fig
		}
	}
	return out
}

// contacts: adds, ends and removals, welcomes, customers.
func (e *expectation) contacts() {
	f := e.f
	for _, t := range f.touches {
		if t.kind == "add" && e.in(t.at) {
			e.to(t.userID, val(t.store), val(t.channel), func(x *app.Figures) { x.Adds++ })
		}
	}
	for _, c := range f.ends {
		if e.in(c.at) {
			e.to(c.userID, c.store, 0, func(x *app.Figures) {
				if c.by == "customer" {
					x.Ends++
				} else {
					x.Removals++
				}
			})
		}
	}
	for _, w := range f.welcomes {
		if e.in(w.created) {
			e.to(w.userID, f.guideOf[w.userID], val(w.channel), func(x *app.Figures) {
				x.Welcomes++
				if w.status == "sent" {
					x.WelcomesSent++
				}
			})
		}
	}
	d, _ := time.Parse(time.DateOnly, e.day)
	end := time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, f.loc)
	for _, fl := range f.follows {
		if fl.added != nil && fl.added.Before(end) && (fl.deleted == nil || !fl.deleted.Before(end)) {
			e.to(fl.userID, f.guideOf[fl.userID], 0, func(x *app.Figures) { x.Customers++ })
		}
	}
}

// work: guide tasks, mass sends, group SOPs, referral helps.
func (e *expectation) work() {
	f := e.f
	for _, k := range f.tasks {
		if k.status != "cancelled" && k.due != nil && e.in(*k.due) {
			overdue := k.due.Before(f.now) && (k.done == nil || k.done.After(*k.due))
			e.to(k.userID, f.guideOf[k.userID], 0, func(x *app.Figures) {
				x.TasksDue++
				if overdue {
					x.TasksOverdue++
				}
			})
		}
		if k.status == "done" && k.done != nil && e.in(*k.done) {
			e.to(k.userID, f.guideOf[k.userID], 0, func(x *app.Figures) { x.TasksDone++ })
		}
	}
	for _, c := range f.chunks {
		if e.in(c.created) {
			e.to(c.userID, f.guideOf[c.userID], 0, func(x *app.Figures) {
				x.MSTasks++
				if c.confirmed {
					x.MSConfirmed++
				}
			})
		}
	}
	for _, r := range f.recips {
		if r.excluded == "" && e.in(r.planned) {
			e.to(r.userID, f.guideOf[r.userID], 0, func(x *app.Figures) { x.MSPlanned++ })
		}
		if r.result == "sent" && r.resultAt != nil && e.in(*r.resultAt) {
			e.to(r.userID, f.guideOf[r.userID], 0, func(x *app.Figures) { x.MSDelivered++ })
		}
	}
	for _, r := range f.fires {
		if e.in(r.due) {
			e.to(r.owner, f.guideOf[r.owner], 0, func(x *app.Figures) {
				x.SOPDue++
				if r.status == "done" {
					x.SOPDone++
				}
			})
		}
	}
	for _, h := range f.helps {
		if h.status == "credited" && h.credited != nil && e.in(*h.credited) {
			e.to(h.userID, val(h.store), 0, func(x *app.Figures) { x.Helps++ })
		}
	}
}
