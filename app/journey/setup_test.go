package journey_test

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/journey"
)

// createJourneys saves the five journeys at t0 and their steps in the
// model.
func createJourneys(t *testing.T, w *world, m *model, svc *journey.Service, t0 time.Time) {
	step := func(days int, at, content string) app.JourneyStep {
		return app.JourneyStep{Days: days, At: at, Action: app.ActionTask, Content: content}
	}
	js := []app.Journey{
		{Name: "新客七天", Trigger: app.JourneyTrigger{Kind: app.TriggerAdded}, Reentry: app.ReentryOnce,
			Steps: []app.JourneyStep{step(0, "20:00", "欢迎"), step(3, "10:00", "第三天回访"), step(7, "09:30", "第七天回访")}},
		{Name: "生日关怀", Trigger: app.JourneyTrigger{Kind: app.TriggerBirthday}, Reentry: app.ReentryOccurrence,
			Steps: []app.JourneyStep{step(-2, "10:00", "生日前两天"), step(0, "08:00", "生日快乐")}},
		{Name: "春节关怀", Trigger: app.JourneyTrigger{Kind: app.TriggerHoliday, Holiday: "spring_festival"}, Reentry: app.ReentryOccurrence,
			Steps: []app.JourneyStep{step(-1, "10:00", "除夕快乐")}},
		{Name: "成熟期", Trigger: app.JourneyTrigger{Kind: app.TriggerStage, To: app.StageMature}, Reentry: app.ReentryOccurrence,
			Steps: []app.JourneyStep{step(0, "18:00", "升级了"), step(1, "10:00", "次日跟进")}},
		{Name: "会员日", Trigger: app.JourneyTrigger{Kind: app.TriggerMemberDay, DayOfMonth: 15}, Reentry: app.ReentryOccurrence,
			Steps: []app.JourneyStep{step(0, "10:00", "会员日")}},
	}
	for i, in := range js {
		j, err := svc.Create(w.ctx, w.corp, "user:1", in)
		require.NoError(t, err)
		m.ids[i] = j.ID
		for _, st := range j.Steps {
			m.defs = append(m.defs, def(i, st, time.Time{}, time.Time{}, t0))
		}
	}
}

// def is step st of journey j as the model sees it.
func def(j int, st app.JourneyStep, from, to, since time.Time) stepDef {
	var hh, mm int
	_, _ = fmt.Sscanf(st.At, "%d:%d", &hh, &mm)
	return stepDef{journey: j, step: st.ID, days: st.Days, hh: hh, mm: mm, content: st.Content, from: from, to: to, since: since}
}

// editAdded edits the day-N journey at e: step 2 moves from 10:00 to
// 15:00 with new content, step 3 goes, a day-10 step comes (id 4).
func editAdded(t *testing.T, w *world, m *model, svc *journey.Service, e time.Time) {
	j, err := svc.Find(w.ctx, w.corp, m.ids[jAdded])
	require.NoError(t, err)
	in := *j
	s2 := j.Steps[1]
	s2.At, s2.Content = "15:00", "第三天回访（新）"
	in.Steps = []app.JourneyStep{j.Steps[0], s2, {Days: 10, At: "11:00", Action: app.ActionTask, Content: "第十天"}}
	got, err := svc.Update(w.ctx, w.corp, j.ID, "user:1", in)
	require.NoError(t, err)
	require.Equal(t, []int{1, 2, 4}, []int{got.Steps[0].ID, got.Steps[1].ID, got.Steps[2].ID}, "kept ids kept, the new step a new id")
	for i := range m.defs {
		if d := &m.defs[i]; d.journey == jAdded && d.step >= 2 {
			d.to = e
		}
	}
	m.defs = append(m.defs, def(jAdded, got.Steps[1], e, time.Time{}, m.defs[1].since), def(jAdded, got.Steps[2], e, time.Time{}, e))
}

// addCustomers schedules 30 adds in pairs either side of midnight (an
// even customer at 23:55, the next at 00:05), owned alternately by g1 and
// g2, each a member with a birthday (one on 29 February, one without),
// and stage changes: every third customer becomes mature five days and
// some hours after adding, the first again after 25 days.
func addCustomers(w *world, m *model) {
	for i := range 30 {
		ext, user := fmt.Sprintf("wm_c%02d", i), []string{"g1", "g2"}[i%2]
		add := w.local(2027, 1, 20+i, 23, 55)
		if i%2 == 1 {
			add = w.local(2027, 1, 20+i, 0, 5)
		}
		day := time.Date(add.In(w.loc).Year(), add.In(w.loc).Month(), add.In(w.loc).Day(), 0, 0, 0, 0, w.loc)
		w.at(add, nil, "INSERT INTO follows (corp_id, userid, external_userid, add_time, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
			w.corp, user, ext, add.UTC(), add.UTC(), add.UTC())
		w.at(add, nil, "INSERT INTO customer_owners (corp_id, scope, external_userid, userid, status, assigned_at, updated_at) VALUES (?, 0, ?, ?, ?, ?, ?)",
			w.corp, ext, user, app.OwnerAssigned, add.UTC(), add.UTC())
		m.cands = append(m.cands, cand{journey: jAdded, ext: ext, user: user, anchor: day, exists: add},
			cand{journey: jHoliday, ext: ext, occ: "2027", user: user, anchor: w.local(2027, 2, 6, 0, 0), exists: add},
			cand{journey: jMemberDay, ext: ext, occ: "2027-02", user: user, anchor: w.local(2027, 2, 15, 0, 0), exists: add},
			cand{journey: jMemberDay, ext: ext, occ: "2027-03", user: user, anchor: w.local(2027, 3, 15, 0, 0), exists: add})
		member(w, m, i, ext, user, add)
	}
}

// member makes customer i a member with a birthday and its stage changes.
func member(w *world, m *model, i int, ext, user string, add time.Time) {
	if i == 5 {
		return
	}
	bday := time.Date(1990, 1, 22+2*i, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
	anchor := w.local(2027, 1, 22+2*i, 0, 0)
	if i == 7 {
		bday, anchor = "1992-02-29", w.local(2027, 2, 28, 0, 0)
	}
	now := w.now.UTC()
	id := w.exec("INSERT INTO members (corp_id, scope, name, birthday, status, created_at, updated_at) VALUES (?, 0, ?, ?, 'active', ?, ?)",
		w.corp, ext, bday, now, now)
	w.exec("INSERT INTO member_identities (corp_id, scope, member_id, kind, value, created_at) VALUES (?, 0, ?, 'external_userid', ?, ?)",
		w.corp, id, ext, now)
	m.cands = append(m.cands, cand{journey: jBirthday, ext: ext, occ: "2027", user: user, anchor: anchor, exists: add})
	change := func(at time.Time, from, to string) {
		w.at(at, func(cid int64) {
			if to == app.StageMature {
				d := at.In(w.loc)
				m.cands = append(m.cands, cand{journey: jStage, ext: ext, occ: fmt.Sprint(cid), user: user,
					anchor: time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, w.loc), exists: at})
			}
		}, "INSERT INTO rfm_changes (corp_id, member_id, from_class, to_class, from_stage, to_stage, at) VALUES (?, ?, 'new', 'new', ?, ?, ?)",
			w.corp, id, from, to, at.UTC())
	}
	switch i % 3 {
	case 0:
		change(add.Add(5*24*time.Hour+time.Duration(i)*time.Hour), app.StageGrowth, app.StageMature)
	case 1:
		change(add.Add(4*24*time.Hour), app.StageGrowth, app.StageDormant)
	}
	if i == 0 {
		change(add.Add(25*24*time.Hour), app.StageDormant, app.StageMature)
	}
}

// compare checks the ledger and the guide tasks against the model: the
// same fires, each done, due when the model says, each with one task for
// its owner carrying the step's content as it stood.
func compare(t *testing.T, w *world, m *model) {
	rows, err := w.d.SQL().Query("SELECT journey_id, step_id, external_userid, occurrence, userid, due_at, status FROM journey_fires WHERE corp_id = ?", w.corp)
	require.NoError(t, err)
	defer rows.Close()
	got := map[string]want{}
	for rows.Next() {
		var f app.JourneyFire
		require.NoError(t, rows.Scan(&f.JourneyID, &f.StepID, &f.ExternalUserID, &f.Occurrence, &f.UserID, &f.DueAt, &f.Status))
		assert.Equal(t, app.FireDone, f.Status, f.Key())
		got[f.Key()] = want{due: f.DueAt.UTC(), user: f.UserID}
	}
	require.NoError(t, rows.Err())
	exp := map[string]want{}
	for k, v := range m.fired {
		exp[k] = want{due: v.due, user: v.user}
	}
	require.Greater(t, len(exp), 200, "the model expects a real load")
	diff(t, "fires", exp, got)
	gotTasks := map[string]want{}
	for after := int64(0); ; {
		tasks, next, err := w.core.Todo.ListTasks(w.ctx, w.corp, app.Principal{CorpID: w.corp, Role: app.RoleAdmin, Actor: "user:1"},
			app.TaskFilter{Kind: app.TaskJourneyStep, Page: app.Page{After: after, Limit: 200}})
		require.NoError(t, err)
		for _, tk := range tasks {
			_, dup := gotTasks[tk.Source]
			assert.False(t, dup, "one task per fire: %s", tk.Source)
			gotTasks[tk.Source] = want{due: tk.DueAt.UTC(), user: tk.UserID, content: tk.Content}
		}
		if after = next; next == 0 {
			break
		}
	}
	diff(t, "guide tasks", m.fired, gotTasks)
}

// diff reports the keys missing, unexpected or different, a few of each.
func diff(t *testing.T, what string, exp, got map[string]want) {
	var bad []string
	for k, e := range exp {
		if g, ok := got[k]; !ok {
			bad = append(bad, fmt.Sprintf("missing %s due %s", k, e.due))
		} else if !g.due.Equal(e.due) || g.user != e.user || g.content != e.content {
			bad = append(bad, fmt.Sprintf("%s: got %v want %v", k, g, e))
		}
	}
	for k, g := range got {
		if _, ok := exp[k]; !ok {
			bad = append(bad, fmt.Sprintf("unexpected %s due %s", k, g.due))
		}
	}
	sort.Strings(bad)
	assert.Empty(t, bad[:min(len(bad), 20)], "%s: %d of %d differ", what, len(bad), len(exp))
}
