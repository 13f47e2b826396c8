package channel

import (
	"slices"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// OnShift reports whether a member with shifts takes customers at local,
// a time in the corp's zone. No shifts means always. A shift whose To is
// not after its From runs past midnight: it starts on its Days and ends
// on the day after (a Friday 22:00–02:00 shift covers Saturday 01:00).
func OnShift(shifts []app.Shift, local time.Time) bool {
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

func covers(sh app.Shift, day, minute int) bool {
	if sh.From < sh.To {
		return slices.Contains(sh.Days, day) && minute >= sh.From && minute < sh.To
	}
	yesterday := (day + 6) % 7
	return slices.Contains(sh.Days, day) && minute >= sh.From || slices.Contains(sh.Days, yesterday) && minute < sh.To
}

// Day is the corp-local date of at as guide_daily_adds.day holds it: the
// assignment engine writes a guide's adds under Day(at, zone), and caps are
// read back under the same key.
func Day(at time.Time, zone *time.Location) string { return at.In(zone).Format(time.DateOnly) }

// Route returns the guides a multi-guide channel's contact way should
// list at local: its members that are active, on shift and under today's
// cap (adds counts today's customers per guide), in channel order. When
// none is, the backup guide alone; when the backup cannot take them
// either, every active member, caps and shifts aside. It returns nil only
// when no member and no backup is active at all.
//
// The list is never emptied on purpose: WeCom refuses a multi-member
// contact way without members (41041), and a code printed on a shop
// counter that leads nowhere loses the customer who scans it. A guide past
// their cap taking one more customer is the lesser harm.
func Route(c *app.Channel, local time.Time, active map[string]bool, adds map[string]int) []string {
	var available, all []string
	for _, m := range c.Members {
		if !active[m.UserID] {
			continue
		}
		all = append(all, m.UserID)
		if OnShift(m.Shifts, local) && (c.DailyCap == 0 || adds[m.UserID] < c.DailyCap) {
			available = append(available, m.UserID)
		}
	}
	switch {
	case len(available) > 0:
		return available
	case c.BackupUserID != "" && active[c.BackupUserID]:
		return []string{c.BackupUserID}
	}
	return all
}
