package groupsop

import (
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// due is one occurrence of a step in a group, at its time.
type due struct {
	Occurrence string
	At         time.Time
}

// window is the span (From, To] in which a tick fires what falls due.
type window struct {
	From, To time.Time
	Zone     *time.Location
}

// in reports whether t falls in the window.
func (w window) in(t time.Time) bool { return t.After(w.From) && !t.After(w.To) }

// clock parses "HH:MM" as hours and minutes; ok is false when it is not.
func clock(at string) (h, m int, ok bool) {
	t, err := time.Parse("15:04", at)
	if err != nil {
		return 0, 0, false
	}
	return t.Hour(), t.Minute(), true
}

// dayAt is the day of d in zone at the step's time of day.
func dayAt(d time.Time, at string, zone *time.Location) time.Time {
	h, m, _ := clock(at)
	y, mo, dd := d.In(zone).Date()
	return time.Date(y, mo, dd, h, m, 0, 0, zone)
}

// dateDue is a date step's single occurrence, if in w.
func dateDue(st app.GroupSOPStep, w window) []due {
	d, err := time.ParseInLocation("2006-01-02", st.Date, w.Zone)
	if err != nil {
		return nil
	}
	if t := dayAt(d, st.At, w.Zone); w.in(t) {
		return []due{{"", t}}
	}
	return nil
}

// weeklyDue lists the weekly step's occurrences in w, each named by its
// date in the corp's zone.
func weeklyDue(st app.GroupSOPStep, w window) []due {
	var out []due
	for d := dayAt(w.From, "00:00", w.Zone); !d.After(w.To); d = d.AddDate(0, 0, 1) {
		if isoWeekday(d) != st.Weekday {
			continue
		}
		if t := dayAt(d, st.At, w.Zone); w.in(t) {
			out = append(out, due{d.Format("2006-01-02"), t})
		}
	}
	return out
}

// isoWeekday numbers Monday 1 … Sunday 7.
func isoWeekday(d time.Time) int {
	if wd := int(d.Weekday()); wd != 0 {
		return wd
	}
	return 7
}

// afterDue is the occurrence Days after anchor (its date in the corp's
// zone) at the step's time, if in w.
func afterDue(st app.GroupSOPStep, anchor time.Time, occurrence string, w window) []due {
	if t := dayAt(anchor.In(w.Zone).AddDate(0, 0, st.Days), st.At, w.Zone); w.in(t) {
		return []due{{occurrence, t}}
	}
	return nil
}
