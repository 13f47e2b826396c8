package behavior

import (
	"time"

	"github.com/siyu-scrm/siyu/wecom"
)

// span is a run of statistics days, both ends included.
type span struct{ from, to string }

// addDays is day (yyyy-mm-dd) moved by n days.
func addDays(day string, n int) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

// plan is what a guide's pull on statistics day today fetches: up to
// yesterday, from the day after its mark (or, first, LookbackDays back),
// taking again the RepullDays before yesterday WeCom may have completed
// since; never before WeCom's window. A guide already through yesterday
// has nothing to fetch (a second run the same day costs no call).
func plan(mark, today string, o Options) (span, bool) {
	to, earliest := addDays(today, -1), addDays(today, -o.LookbackDays)
	if mark >= to {
		return span{}, false
	}
	from := earliest
	if mark != "" {
		from = max(earliest, min(addDays(mark, 1), addDays(to, -o.RepullDays)))
	}
	return span{from, to}, true
}

// spans cuts s into runs of at most wecom.BehaviorMaxSpan days, oldest
// first, so that each stored run moves the mark forward.
func spans(s span) []span {
	var out []span
	for from := s.from; from <= s.to; {
		to := min(addDays(from, wecom.BehaviorMaxSpan-1), s.to)
		out = append(out, span{from, to})
		from = addDays(to, 1)
	}
	return out
}
