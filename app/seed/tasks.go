package seed

import (
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Task kinds drawn, with their titles.
var taskKinds = []struct{ kind, title string }{{app.TaskFollowUp, "跟进新客户"}, {app.TaskFollowUp, "回访老客户"},
	{app.TaskJourneyStep, "旅程：生日关怀"}, {app.TaskManual, "店长安排：邀约到店"}, {app.TaskChurn, "客户流失提醒"}}

// tasks writes c's guide tasks: one, sometimes two; most done (some
// late), some open (overdue once due), a tenth cancelled, a few with no
// due time.
func (w *world) tasks(e *emit, c *cust) {
	if c.pool {
		return
	}
	r := c.r
	n := 1
	if chance(r, 0.3) {
		n = 2
	} else if chance(r, 0.3) {
		n = 0
	}
	for k := range n {
		from := c.added
		if lo := w.w0.AddDate(0, 0, -10); from.Before(lo) {
			from = lo
		}
		created := between(r, from, w.w1)
		var due, done any
		dueAt := created.Add(time.Duration(4+r.IntN(68)) * time.Hour)
		if chance(r, 0.95) {
			due = dueAt
		}
		status, how := app.TaskOpen, ""
		switch x := r.Float64(); {
		case x < 0.1:
			status = app.TaskCancelled
		case x < 0.75:
			at := between(r, created, dueAt)
			if chance(r, 0.3) {
				at = between(r, dueAt, dueAt.Add(72*time.Hour))
			}
			if at.Before(w.w1) {
				status, done, how = app.TaskDone, at, app.TaskSelfReported
			}
		}
		t := taskKinds[r.IntN(len(taskKinds))]
		updated := created
		if done != nil {
			updated = done.(time.Time)
		}
		e.row(tTasks, w.corp, c.g.userid, null(c.g.store), c.ext, t.kind, t.title, status, due, fmt.Sprintf("%s:t%d:%d", w.tag, c.i, k),
			done, c.g.userid, how, created, updated)
	}
}

// recipients writes c's place in each mass send it was picked for (a
// quarter of its customers): excluded (pool, no longer a friend, held
// out), or planned into its guide's chunk and, when the guide sent it,
// the result WeCom reported, with a touch when it reached them.
func (w *world) recipients(e *emit, c *cust) {
	r := c.r
	for s, sd := range w.sends {
		picked := chance(r, 0.25)
		if !picked || !c.added.Before(sd.at.Add(-24*time.Hour)) {
			continue
		}
		excluded, userid, chunk := "", c.g.userid, 1
		switch {
		case c.pool:
			excluded, userid, chunk = app.ExcludeNoOwner, "", 0
		case c.gone(sd.at):
			excluded, chunk = app.ExcludeNotFriend, 0
		case chance(r, holdoutPercent/100.0):
			excluded, chunk = app.ExcludeHoldout, 0
		}
		result, at := "", any(nil)
		if excluded == "" && w.confirmed(s, c.g.idx) {
			result, at = app.ResultSent, sd.at.Add(time.Duration(30+r.IntN(40*60))*time.Minute)
			if chance(r, 0.08) {
				result, at = app.ResultNotFriend, sd.at.Add(2*time.Hour)
			}
			if !at.(time.Time).Before(w.w1) {
				result, at = "", nil
			}
		}
		sd.count(excluded)
		e.row(tRecipients, w.corp, sd.id, c.ext, userid, chunk, excluded, result, sd.at.Add(-time.Hour), at)
		if result == app.ResultSent {
			w.touch(e, c, app.TouchMassSend, "m", c.g, at.(time.Time), s)
		}
	}
}
