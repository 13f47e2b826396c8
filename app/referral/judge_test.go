package referral

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app"
)

// A verdict depends on the facts, never on the order callbacks brought
// them in: every permutation of each case's observations gives its one
// verdict.
func TestJudgeIsOrderFree(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	c := &app.ReferralCampaign{Kind: app.ReferralFriend, State: "cw1", StartsAt: t0.Add(-time.Hour), EndsAt: t0.Add(48 * time.Hour), HoldHours: 24}
	add := func(key string, min int, user, state string) app.ReferralObservation {
		return app.ReferralObservation{EventKey: key, Kind: app.ObserveAdd, UserID: user, State: state, At: t0.Add(time.Duration(min) * time.Minute)}
	}
	leave := func(key string, min int, user string) app.ReferralObservation {
		return app.ReferralObservation{EventKey: key, Kind: app.ObserveLeave, UserID: user, At: t0.Add(time.Duration(min) * time.Minute)}
	}
	now := t0.Add(30 * time.Hour)
	mirror := func(d time.Duration, user string) []app.ReferralObservation {
		return []app.ReferralObservation{{Kind: app.ObserveAdd, UserID: user, At: t0.Add(d)}}
	}
	for _, tc := range []struct {
		name   string
		os     []app.ReferralObservation
		status string
		reason string
		mirror []app.ReferralObservation
	}{
		{"Honest", []app.ReferralObservation{add("a", 0, "g1", "cw1")}, app.HelpCredited, "", nil},
		{"ReaddCountsOnce", []app.ReferralObservation{add("a", 0, "g1", "cw1"), add("b", 90, "g2", "cw1")}, app.HelpCredited, "", nil},
		{"ExistingFriend", []app.ReferralObservation{add("x", -30, "g3", ""), add("a", 0, "g1", "cw1")}, app.HelpVoided, app.VoidExisting, nil},
		{"ArrivedBeforeScan", []app.ReferralObservation{add("a", -10, "g1", "cw1")}, app.HelpVoided, app.VoidExisting, nil},
		{"FormerFriend", []app.ReferralObservation{leave("x", -30, "g3"), add("a", 0, "g1", "cw1")}, app.HelpVoided, app.VoidExisting, nil},
		{"LeftInHold", []app.ReferralObservation{add("a", 0, "g1", "cw1"), leave("b", 60, "g1"), add("c", 120, "g1", "cw1")}, app.HelpVoided, app.VoidLeft, nil},
		{"LeftAfterHold", []app.ReferralObservation{add("a", 0, "g1", "cw1"), leave("b", 25*60, "g1")}, app.HelpCredited, "", nil},
		{"OtherGuideLeftInHold", []app.ReferralObservation{add("a", 0, "g1", "cw1"), add("b", 5, "g2", ""), leave("c", 60, "g2")}, app.HelpCredited, "", nil},
		{"OutsideWindow", []app.ReferralObservation{add("a", 49*60, "g1", "cw1")}, "", "", nil},
		{"FriendBeforeTheCampaign", []app.ReferralObservation{add("a", 0, "g1", "cw1")}, app.HelpVoided, app.VoidExisting, mirror(-72*time.Hour, "g2")},
		{"OwnRelationReadASecondEarlier", []app.ReferralObservation{add("a", 0, "g1", "cw1")}, app.HelpCredited, "", mirror(-time.Second, "g1")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 2))
			for range 20 {
				os := append([]app.ReferralObservation(nil), tc.os...)
				rng.Shuffle(len(os), func(i, j int) { os[i], os[j] = os[j], os[i] })
				v := Judge(Facts{Campaign: c, InviterUnionID: "p", InviteeUnionID: "i", Observations: os, Mirror: tc.mirror, ScannedAt: t0.Add(-time.Minute)}, now)
				assert.Equal(t, tc.status, v.Status)
				assert.Equal(t, tc.reason, v.Reason)
			}
		})
	}
}

// Over the limit, later helps wait for review; a voided or rejected help
// frees its place, and an approved one stays counted.
func TestVelocity(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	c := &app.ReferralCampaign{VelocityMax: 2, VelocityMinutes: 10, HoldHours: 24}
	h := func(u string, min int, status, decision string) app.ReferralHelp {
		return app.ReferralHelp{InviteeUnionID: u, ArrivedAt: t0.Add(time.Duration(min) * time.Minute), Status: status, Decision: decision}
	}
	hs := []app.ReferralHelp{h("e", 12, app.HelpHeld, ""), h("a", 0, app.HelpHeld, ""), h("b", 1, app.HelpVoided, ""),
		h("c", 2, app.HelpHeld, ""), h("d", 3, app.HelpReview, ""), h("f", 4, app.HelpReview, app.DecisionApprove), h("g", 5, app.HelpReview, app.DecisionReject)}
	applyVelocity(c, hs, t0.Add(time.Hour))
	got := map[string]string{}
	for _, x := range hs {
		got[x.InviteeUnionID] = x.Status
	}
	assert.Equal(t, map[string]string{"a": app.HelpHeld, "b": app.HelpVoided, "c": app.HelpHeld, "d": app.HelpReview,
		"f": app.HelpHeld, "g": app.HelpVoided, "e": app.HelpHeld}, got)
}
