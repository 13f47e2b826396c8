package referral

import (
	"slices"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Facts are everything known about one invitee in one campaign. A verdict
// is a function of the facts alone (and the time, for the hold period),
// so it does not matter in which order, or how often, callbacks arrived.
type Facts struct {
	Campaign       *app.ReferralCampaign
	InviterUnionID string
	InviteeUnionID string
	Blacklisted    bool
	// Observations of the invitee's external_userid, from callbacks.
	Observations []app.ReferralObservation
	// Mirror are the invitee's contacts the mirror of WeCom holds, as
	// observations: each relation's add time (Kind add) and each join of
	// one of the campaign's groups (Kind join) — what happened before any
	// campaign was watching.
	Mirror []app.ReferralObservation
	// ScannedAt is when the invitee first scanned the inviter's code: an
	// arrival well before it was not brought by the inviter.
	ScannedAt time.Time
}

// scanSkew is how much earlier than the scan (Siyu's clock) an arrival
// (WeCom's clock) may be and still follow it.
const scanSkew = 2 * time.Minute

// Verdict is a help's standing before the inviter's velocity limit.
type Verdict struct {
	Arrived        bool
	ArrivedAt      time.Time
	ExternalUserID string
	UserID         string
	ChatID         string
	Status         string // app.HelpHeld, HelpCredited or HelpVoided
	Reason         string
}

// Judge decides one invitee's help at now. No arrival through the
// campaign (inside its window) is no help at all.
func Judge(f Facts, now time.Time) Verdict {
	arrival, ok := firstArrival(f)
	if !ok {
		return Verdict{}
	}
	v := Verdict{Arrived: true, ArrivedAt: arrival.At, ExternalUserID: arrival.ExternalUserID, UserID: arrival.UserID, ChatID: arrival.ChatID}
	hold := time.Duration(f.Campaign.HoldHours) * time.Hour
	switch {
	case f.Blacklisted:
		v.Status, v.Reason = app.HelpVoided, app.VoidBlacklist
	case f.InviterUnionID == f.InviteeUnionID:
		v.Status, v.Reason = app.HelpVoided, app.VoidSelf
	case !f.Campaign.Rules.AllowExisting && (known(f, arrival) || arrival.At.Before(f.ScannedAt.Add(-scanSkew))):
		v.Status, v.Reason = app.HelpVoided, app.VoidExisting
	case !f.Campaign.Rules.KeepOnLeave && leftWithin(f, arrival, hold):
		v.Status, v.Reason = app.HelpVoided, app.VoidLeft
	case now.Before(arrival.At.Add(hold)):
		v.Status = app.HelpHeld
	default:
		v.Status = app.HelpCredited
	}
	return v
}

// firstArrival is the invitee's earliest arrival through the campaign: an
// add carrying its state (friend) or a join carrying it (group), inside
// the window. Later arrivals are re-adds and change nothing.
func firstArrival(f Facts) (app.ReferralObservation, bool) {
	want := app.ObserveAdd
	if f.Campaign.Kind == app.ReferralGroup {
		want = app.ObserveJoin
	}
	var first app.ReferralObservation
	found := false
	for _, o := range f.Observations {
		if o.Kind != want || !f.Campaign.Carries(o.State) || !f.Campaign.Open(o.At) {
			continue
		}
		if !found || before(o, first) {
			first, found = o, true
		}
	}
	return first, found
}

// before orders observations by time, then by event key, so a tie has
// one answer whatever order they were read in.
func before(a, b app.ReferralObservation) bool {
	if !a.At.Equal(b.At) {
		return a.At.Before(b.At)
	}
	return a.EventKey < b.EventKey
}

// known reports whether the invitee had contact with the corp before
// arriving: any add of a member or end of a relation, any join or exit of
// one of the campaign's groups, or an earlier contact in the mirror other
// than the arrival's own relation (whose add time WeCom may give a second
// apart from the callback's).
func known(f Facts, arrival app.ReferralObservation) bool {
	for _, o := range f.Mirror {
		own := o.Kind == app.ObserveAdd && o.UserID == arrival.UserID && arrival.Kind == app.ObserveAdd ||
			o.Kind == app.ObserveJoin && o.ChatID == arrival.ChatID && arrival.Kind == app.ObserveJoin
		if !own && o.At.Before(arrival.At) {
			return true
		}
	}
	for _, o := range f.Observations {
		earlier := o.At.Before(arrival.At)
		switch {
		case o.Kind == app.ObserveAdd && earlier:
			return true
		case o.Kind == app.ObserveJoin && earlier && slices.Contains(f.Campaign.ChatIDs, o.ChatID):
			return true
		case o.Kind == app.ObserveLeave && earlier: // a relation ended before: they were a friend
			return true
		case o.Kind == app.ObserveExit && earlier && slices.Contains(f.Campaign.ChatIDs, o.ChatID):
			return true
		}
	}
	return false
}

// leftWithin reports whether the relation the invitee arrived by ended
// inside the hold period: the guide deleted (a friend campaign), or the
// group left (a group campaign).
func leftWithin(f Facts, arrival app.ReferralObservation, hold time.Duration) bool {
	end := arrival.At.Add(hold)
	for _, o := range f.Observations {
		if o.At.Before(arrival.At) || !o.At.Before(end) {
			continue
		}
		friend := f.Campaign.Kind != app.ReferralGroup
		if friend && o.Kind == app.ObserveLeave && o.UserID == arrival.UserID || !friend && o.Kind == app.ObserveExit && o.ChatID == arrival.ChatID {
			return true
		}
	}
	return false
}
