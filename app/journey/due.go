package journey

import (
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// slot is one anchor date whose occurrences a step is due for, and when.
type slot struct{ anchor, due time.Time }

// since is when the window of step st in a tick at now opens: the
// catch-up window back from now, but never before the step existed.
func since(j *app.Journey, st app.JourneyStep, now time.Time) time.Time {
	lo := now.Add(-time.Duration(j.CatchUpHours) * time.Hour)
	if st.Since.After(lo) {
		return st.Since
	}
	return lo
}

// slots returns the anchor dates (midnight in loc) for which step st is
// due in (lo, now]: the step fires at st.At on the anchor date plus
// st.Days, in the corp's zone.
func slots(st app.JourneyStep, lo, now time.Time, loc *time.Location) []slot {
	h, m, _ := clockOf(st.At)
	var out []slot
	l := lo.In(loc)
	for d := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, loc); !d.After(now); d = d.AddDate(0, 0, 1) {
		due := time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, loc)
		if due.After(lo) && !due.After(now) {
			out = append(out, slot{anchor: time.Date(d.Year(), d.Month(), d.Day()-st.Days, 0, 0, 0, 0, loc), due: due.UTC()})
		}
	}
	return out
}

// clockOf reads HH:MM; ok is false for anything else.
func clockOf(at string) (h, m int, ok bool) {
	t, err := time.Parse("15:04", at)
	if err != nil || len(at) != 5 {
		return 0, 0, false
	}
	return t.Hour(), t.Minute(), true
}
