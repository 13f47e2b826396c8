package journey_test

import (
	"fmt"
	"time"
)

// The independent model: which (journey, step, customer, occurrence)
// fire, and at which due time, computed by walking the ticks the test
// ran — not the dates the service walks.

// stepDef is a step as it stood for the ticks in (from, to].
type stepDef struct {
	journey, step, days, hh, mm int
	content                     string
	from, to, since             time.Time
}

// cand is one occurrence of a journey for a customer: its anchor date,
// and from when its rows exist.
type cand struct {
	journey        int
	ext, occ, user string
	anchor, exists time.Time
}

// want is a fire the model expects.
type want struct {
	due           time.Time
	user, content string
}

// model holds the journeys' step definitions over time, the occurrences,
// and the pauses.
type model struct {
	ids    map[int]int64 // journey index → id
	defs   []stepDef
	cands  []cand
	paused map[int][][2]time.Time // journey index → (pause, resume] intervals
	fired  map[string]want
}

func (m *model) key(j, step int, ext, occ string) string {
	return fmt.Sprintf("journey:%d:%d:%s:%s", m.ids[j], step, ext, occ)
}

// active reports whether journey j ran its tick at t (a tick at the
// pause instant ran before the pause, one at the resume before it).
func (m *model) active(j int, t time.Time) bool {
	for _, p := range m.paused[j] {
		if t.After(p[0]) && !t.After(p[1]) {
			return false
		}
	}
	return true
}

// tick records what a tick at t fires: every step due at or before t,
// less than a day ago (the catch-up window), after the step was added,
// for an occurrence whose rows exist at t, not fired before.
func (m *model) tick(t time.Time, loc *time.Location) {
	for _, d := range m.defs {
		if !m.active(d.journey, t) || (!d.from.IsZero() && !t.After(d.from)) || (!d.to.IsZero() && t.After(d.to)) {
			continue
		}
		for _, c := range m.cands {
			a := c.anchor
			due := time.Date(a.Year(), a.Month(), a.Day()+d.days, d.hh, d.mm, 0, 0, loc)
			k := m.key(d.journey, d.step, c.ext, c.occ)
			if _, done := m.fired[k]; c.journey != d.journey || done || c.exists.After(t) {
				continue
			}
			if due.After(d.since) && !due.After(t) && t.Sub(due) < 24*time.Hour {
				m.fired[k] = want{due: due.UTC(), user: c.user, content: d.content}
			}
		}
	}
}
