package seed

import (
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// guideRows writes each guide's rows: their mass-send chunks, the group
// SOP steps that fell due in their groups and WeCom's chat figures.
func (w *world) guideRows(e *emit) {
	all := append(append([]guide(nil), w.org.guides...), w.org.hq)
	for _, g := range all {
		w.chunks(e, g)
		if g.store != 0 {
			w.fires(e, g)
		}
		if w.behavior {
			w.chatFigures(e, g)
		}
	}
}

// chunks writes g's task of each mass send (one chunk: no guide has
// 10,000 customers here).
func (w *world) chunks(e *emit, g guide) {
	for s, sd := range w.sends {
		planned := sd.at.Add(-time.Hour)
		state, settled, ok := app.ChunkCreated, any(nil), w.confirmed(s, g.idx)
		if ok {
			state, settled = app.ChunkSettled, sd.at.Add(48*time.Hour)
		}
		e.row(tChunks, w.corp, sd.id, g.userid, 1, 0, state, fmt.Sprintf("msg%s-%d-%d", w.tag, s, g.idx), ok, settled, planned, planned)
	}
}

// fires writes the weekly step in each of g's groups every Monday and
// after-join steps on some days.
func (w *world) fires(e *emit, g guide) {
	r := w.rng(streamGuide + uint64(g.idx))
	for k := range w.o.Days {
		day := w.day(k)
		local := day.In(w.zone)
		if local.Weekday() == time.Monday {
			for c := range sopChats {
				w.fire(e, r, g, w.sops[0], fmt.Sprintf("wr%sg%dc%d", w.tag, g.idx, c), local.Format(time.DateOnly), day.Add(10*time.Hour))
			}
		}
		if chance(r, joinFireShare) {
			due := between(r, day.Add(9*time.Hour), day.Add(21*time.Hour))
			w.fire(e, r, g, w.sops[1], fmt.Sprintf("wr%sg%dc%d", w.tag, g.idx, r.IntN(sopChats)), fmt.Sprintf("join:%d", k), due)
		}
	}
}

func (w *world) fire(e *emit, r interface{ Float64() float64 }, g guide, sop int64, chat, occurrence string, due time.Time) {
	status, done := app.GroupFirePending, any(nil)
	if at := due.Add(time.Duration(r.Float64() * float64(8*time.Hour))); r.Float64() < 0.65 && at.Before(w.w1) {
		status, done = app.GroupFireDone, at
	}
	e.row(tFires, w.corp, sop, 1, chat, occurrence, g.userid, due, status, due, done)
}

// chatFigures writes WeCom's figures of g for every day; a tenth of
// the days have no reply figures (WeCom leaves them out).
func (w *world) chatFigures(e *emit, g guide) {
	r := w.rng(streamGuide + 1<<20 + uint64(g.idx))
	for k := range w.o.Days {
		chats := r.IntN(30)
		pct, secs := any(nil), any(nil)
		if chance(r, 0.9) {
			pct = 5000 + r.IntN(5001)
		}
		if chance(r, 0.9) {
			secs = r.IntN(3000)
		}
		e.row(tBehavior, w.corp, g.userid, w.day(k).In(w.zone).Format(time.DateOnly), chats, chats*3+r.IntN(20), pct, secs,
			r.IntN(3)/2, r.IntN(5), r.IntN(4), w.w1)
	}
}
