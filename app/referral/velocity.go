package referral

import (
	"sort"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// applyVelocity settles the inviter's helps against the campaign's
// velocity limit: walking them in arrival order, a help that would make
// more than VelocityMax counting helps within VelocityMinutes waits for
// review, unless an operator decided it. It is computed over all of the
// inviter's helps each time, so a late callback for an early arrival
// moves the limit to where it belongs. hs are the helps with their
// verdicts (Status held, credited, voided, or review from an earlier
// pass) and are updated in place.
func applyVelocity(c *app.ReferralCampaign, hs []app.ReferralHelp, now time.Time) {
	sort.SliceStable(hs, func(i, j int) bool {
		if !hs[i].ArrivedAt.Equal(hs[j].ArrivedAt) {
			return hs[i].ArrivedAt.Before(hs[j].ArrivedAt)
		}
		return hs[i].InviteeUnionID < hs[j].InviteeUnionID
	})
	window := time.Duration(c.VelocityMinutes) * time.Minute
	var counted []time.Time // arrivals that count, in order
	for i := range hs {
		h := &hs[i]
		if h.Status == app.HelpVoided {
			continue
		}
		over := c.VelocityMax > 0 && inWindow(counted, h.ArrivedAt, window) >= c.VelocityMax
		switch {
		case h.Decision == app.DecisionReject:
			h.Status, h.Reason = app.HelpVoided, app.VoidRejected
		case over && h.Decision != app.DecisionApprove:
			h.Status = app.HelpReview
		default:
			counted = append(counted, h.ArrivedAt)
			if h.Status == app.HelpReview { // no longer over: back to its hold
				h.Status = heldOrCredited(c, h.ArrivedAt, now)
			}
		}
	}
}

// inWindow counts the arrivals in (at-window, at].
func inWindow(counted []time.Time, at time.Time, window time.Duration) int {
	n := 0
	for i := len(counted) - 1; i >= 0 && counted[i].After(at.Add(-window)); i-- {
		n++
	}
	return n
}

// heldOrCredited is a counting help's status at now: held until its hold
// has passed.
func heldOrCredited(c *app.ReferralCampaign, arrived, now time.Time) string {
	if now.Before(arrived.Add(time.Duration(c.HoldHours) * time.Hour)) {
		return app.HelpHeld
	}
	return app.HelpCredited
}
