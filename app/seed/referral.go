package seed

import (
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// part is a referral participant (the customer at place 7 of a block of
// 100) and the helps of its invitees (places 10–14), written once its
// block is done.
type part struct {
	id, member                       int64
	camp                             campaign
	union, name, scene               string
	at                               time.Time
	invitees, held, credited, review int
	voided                           int
}

// participate makes c its block's participant, when it is at that place.
func (w *world) participate(parts map[int]*part, c *cust) {
	if c.i%blockSize != participant {
		return
	}
	cp := w.camps[(c.i/blockSize)%len(w.camps)]
	parts[c.i] = &part{id: w.ids.participant + int64(c.i), member: c.member, camp: cp, union: c.union, name: personName(c.r),
		scene: fmt.Sprintf("sdp%d-%d", w.o.Seed, c.i), at: cp.from.Add(time.Minute)}
}

// help writes c's help for its block's participant, when c is an
// invitee: most credited after the hold, some held, voided or reviewed;
// a credited help is a touch of the guide it added.
func (w *world) help(e *emit, parts map[int]*part, c *cust) {
	p := parts[c.i-c.i%blockSize+participant]
	if c.invitee < 0 || p == nil {
		return
	}
	r := c.r
	status, reason, credited := app.HelpCredited, "", any(nil)
	switch x := r.Float64(); {
	case x < 0.1:
		status = app.HelpHeld
	case x < 0.35:
		status, reason = app.HelpVoided, []string{app.VoidLeft, app.VoidExisting}[r.IntN(2)]
	case x < 0.4:
		status = app.HelpReview
	}
	if at := c.added.Add(helpHoldHours * time.Hour); status == app.HelpCredited {
		if at.Before(w.w1) {
			credited = at
			w.touch(e, c, app.TouchReferral, "r", c.g, at, 0)
		} else {
			status = app.HelpHeld
		}
	}
	p.count(status)
	e.row(tHelps, w.corp, p.camp.id, p.id, c.union, c.ext, c.g.userid, null(c.g.store), c.added, status, reason, credited, c.added)
}

func (p *part) count(status string) {
	p.invitees++
	switch status {
	case app.HelpHeld:
		p.held++
	case app.HelpCredited:
		p.credited++
	case app.HelpReview:
		p.review++
	default:
		p.voided++
	}
}

// participants writes the participants of a chunk with their counts.
func (w *world) participants(e *emit, parts map[int]*part) {
	for _, p := range parts {
		e.row(tParticipants, p.id, w.corp, p.camp.id, p.union, null(p.member), p.name, p.scene, p.invitees*3, p.invitees+1, p.invitees,
			p.held, p.credited, p.review, p.voided, p.at, p.at)
	}
	clear(parts)
}
