package groupsop_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// spec is a step as the test wrote it, with when it was saved: the plain
// facts the expected fires are computed from.
type spec struct {
	kind    string
	date    time.Time // the date step's day
	weekday time.Weekday
	days    int
	h, m    int
	since   time.Time
}

// expectFires lists every (step, group, occurrence) due by end, by a
// plain walk over the calendar in zone.
func expectFires(specs map[int]spec, groups []app.Group, end time.Time, zone *time.Location) map[string]bool {
	out := map[string]bool{}
	add := func(id int, chat, occ string, at, since time.Time) {
		if at.After(since) && !at.After(end) {
			out[fmt.Sprintf("%d/%s/%s", id, chat, occ)] = true
		}
	}
	for id, sp := range specs {
		for _, g := range groups {
			switch sp.kind {
			case app.GroupStepDate:
				add(id, g.ChatID, "", time.Date(sp.date.Year(), sp.date.Month(), sp.date.Day(), sp.h, sp.m, 0, 0, zone), sp.since)
			case app.GroupStepWeekly:
				s := sp.since.In(zone)
				for d := 0; d <= 14; d++ {
					at := time.Date(s.Year(), s.Month(), s.Day()+d, sp.h, sp.m, 0, 0, zone)
					if at.Weekday() == sp.weekday {
						add(id, g.ChatID, at.Format("2006-01-02"), at, sp.since)
					}
				}
			case app.GroupStepAfterCreate:
				c := g.CreateTime.In(zone)
				add(id, g.ChatID, "", time.Date(c.Year(), c.Month(), c.Day()+sp.days, sp.h, sp.m, 0, 0, zone), sp.since)
			}
		}
	}
	return out
}

// isoDay numbers a weekday as the API does: Monday 1 … Sunday 7.
func isoDay(d time.Weekday) int {
	if d == time.Sunday {
		return 7
	}
	return int(d)
}

// A group SOP over 500 groups of five owners, run for nine sandbox days
// with a tick every two hours (every twelfth one run twice at once), a
// restart, an edit and a pause: every step fires once per group
// occurrence, as the calendar says, each fire is one task for the
// group's owner, and the reminders sweeping after each tick keep every
// owner under WeCom's 30 app messages a minute with nothing dropped.
func TestGroupSOPAcceptance(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		groups := w.groups(t, []string{"o0", "o1", "o2", "o3", "o4"}, 500)
		start := w.s.SC.Now().In(w.zone)
		day := func(n int) time.Time { return start.AddDate(0, 0, n) }
		sop := &app.GroupSOP{CorpID: w.s.Corp.ID, Name: "新群欢迎", Steps: []app.GroupSOPStep{
			{Kind: app.GroupStepDate, Date: day(2).Format("2006-01-02"), At: "10:00", Content: "周末活动"},
			{Kind: app.GroupStepWeekly, Weekday: isoDay(day(1).Weekday()), At: "09:00", Content: "每周早安"},
			{Kind: app.GroupStepAfterCreate, Days: 3, At: "20:00", Content: "建群三天"},
		}}
		require.NoError(t, w.sops.Create(ctx, sop))
		specs := map[int]spec{
			1: {kind: app.GroupStepDate, date: day(2), h: 10, since: w.s.SC.Now()},
			2: {kind: app.GroupStepWeekly, weekday: day(1).Weekday(), h: 9, since: w.s.SC.Now()},
			3: {kind: app.GroupStepAfterCreate, days: 3, h: 20, since: w.s.SC.Now()},
		}
		for tick := 1; tick <= 9*12; tick++ {
			w.s.SC.Advance(2 * time.Hour)
			switch tick {
			case 30: // a new process
				w.restart()
			case 48: // an edit: step 2 reworded, a new weekly step
				steps := append([]app.GroupSOPStep(nil), sop.Steps...)
				steps[1].Content = "每周早安（新）"
				steps = append(steps, app.GroupSOPStep{Kind: app.GroupStepWeekly, Weekday: isoDay(day(6).Weekday()), At: "15:00", Content: "周中提醒"})
				var err error
				sop, err = w.sops.Update(ctx, &app.GroupSOP{ID: sop.ID, CorpID: sop.CorpID, Name: sop.Name, Steps: steps})
				require.NoError(t, err)
				require.Equal(t, []int{1, 2, 3, 4}, stepIDs(sop))
				specs[4] = spec{kind: app.GroupStepWeekly, weekday: day(6).Weekday(), h: 15, since: w.s.SC.Now()}
			case 70:
				_, err := w.sops.SetStatus(ctx, sop.CorpID, sop.ID, app.GroupSOPPaused)
				require.NoError(t, err)
			case 72:
				_, err := w.sops.SetStatus(ctx, sop.CorpID, sop.ID, app.GroupSOPActive)
				require.NoError(t, err)
			}
			w.tick(t, tick%12 == 0)
			require.NoError(t, w.remind.Sweep(ctx, w.s.Corp.ID))
		}
		want := expectFires(specs, groups, w.s.SC.Now(), w.zone)
		require.Greater(t, len(want), 1500, "the scenario fires every kind of step")
		assert.Equal(t, want, w.firedKeys(t, sop.ID))
		assert.Equal(t, len(want), w.taskCount(t, sop.ID), "one task per fire")
		for range 5 { // let the pace pass whatever it held
			w.s.SC.Advance(time.Minute)
			require.NoError(t, w.remind.Sweep(ctx, w.s.Corp.ID))
		}
		assert.Zero(t, w.unreminded(t), "every task reached its owner in a reminder")
		msgs := w.s.SC.AppMessages()
		require.NotEmpty(t, msgs)
		t.Logf("%d fires, %d app messages, at most %d to one owner in a minute", len(want), len(msgs), maxInWindow(msgs, time.Minute))
		for _, m := range msgs {
			require.Empty(t, m.Dropped, "message %s to %s was dropped", m.MsgID, m.UserID)
		}
		assert.LessOrEqual(t, maxInWindow(msgs, time.Minute), sandbox.AppMsgPerMinute)
	})
}

func stepIDs(s *app.GroupSOP) []int {
	var ids []int
	for _, st := range s.Steps {
		ids = append(ids, st.ID)
	}
	return ids
}

// tick runs one tick, or two at once as two schedulers would.
func (w *world) tick(t *testing.T, twice bool) {
	n := 1
	if twice {
		n = 2
	}
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			assert.NoError(t, w.sops.Tick(context.Background(), w.s.Corp.ID))
		}()
	}
	wg.Wait()
}
