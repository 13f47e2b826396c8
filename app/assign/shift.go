package assign

import (
	"slices"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// onShift reports whether local (a time in the corp's zone) falls in one
// of shifts; a guide with no shifts always takes customers. A shift whose
// To is not after From runs past midnight into the next day.
func onShift(shifts []app.Shift, local time.Time) bool {
	if len(shifts) == 0 {
		return true
	}
	day, minute := int(local.Weekday()), local.Hour()*60+local.Minute()
	yesterday := (day + 6) % 7
	for _, s := range shifts {
		if s.To > s.From {
			if slices.Contains(s.Days, day) && minute >= s.From && minute < s.To {
				return true
			}
			continue
		}
		if slices.Contains(s.Days, day) && minute >= s.From || slices.Contains(s.Days, yesterday) && minute < s.To {
			return true
		}
	}
	return false
}

// dayOf is the calendar day of local, the key of daily caps.
func dayOf(local time.Time) string { return local.Format(time.DateOnly) }
