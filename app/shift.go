package app

import (
	"slices"
	"time"
)

// OnShift reports whether a member with shifts takes customers at local,
// a time in the corp's zone. No shifts means always. A shift whose To is
// not after its From runs past midnight: it starts on its Days and ends
// on the day after (a Friday 22:00–02:00 shift covers Saturday 01:00).
func OnShift(shifts []Shift, local time.Time) bool {
	if len(shifts) == 0 {
		return true
	}
	day, minute := int(local.Weekday()), local.Hour()*60+local.Minute()
	for _, sh := range shifts {
		if covers(sh, day, minute) {
			return true
		}
	}
	return false
}

func covers(sh Shift, day, minute int) bool {
	if sh.From < sh.To {
		return slices.Contains(sh.Days, day) && minute >= sh.From && minute < sh.To
	}
	yesterday := (day + 6) % 7
	return slices.Contains(sh.Days, day) && minute >= sh.From || slices.Contains(sh.Days, yesterday) && minute < sh.To
}

// CapDay is the corp-local date of at as guide_daily_adds.day holds it:
// the assignment engine counts a guide's adds under CapDay(at, zone), and
// channel routing reads caps back under the same key.
func CapDay(at time.Time, zone *time.Location) string { return at.In(zone).Format(time.DateOnly) }
