package channel

import (
	"time"

	"github.com/siyu-scrm/siyu/app"
)

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
		if app.OnShift(m.Shifts, local) && (c.DailyCap == 0 || adds[m.UserID] < c.DailyCap) {
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
