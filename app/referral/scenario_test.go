package referral_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/referral"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// Fraud patterns of the scenario, and the honest help.
const (
	patNormal   = "normal"
	patExisting = "existing" // already a friend of g1 when they arrive
	patLeft     = "left"     // deletes the guide inside the hold
	patLeftBack = "leftback" // deletes inside the hold, then adds again through the campaign
	patTwice    = "twice"    // adds the second guide through the campaign too
	patSelf     = "self"     // the inviter scans their own code
	patBurst    = "burst"    // one of a run of eight for one inviter
	patBlack    = "black"    // the invitee is blacklisted
)

// help is one invitee of the script, as the independent model sees it.
type help struct {
	inviter  int
	unionid  string
	pattern  string
	ext      string
	arrived  time.Time // first add through the campaign
	leftAt   time.Time // zero: stayed
	existing bool
}

// script is the scenario: who invites whom, with what pattern.
type script struct {
	participants int
	helps        []*help
}

// newScript draws n helps for p participants: 80% honest, the rest
// spread over the fraud patterns, bursts as runs of eight.
func newScript(p, n int, seed uint64) *script {
	rng := rand.New(rand.NewPCG(seed, 7))
	s := &script{participants: p}
	selfUsed := map[int]bool{}
	for len(s.helps) < n {
		inviter := rng.IntN(p)
		r := rng.IntN(100)
		switch {
		case r < 80:
			s.add(inviter, patNormal)
		case r < 83:
			s.add(inviter, patExisting)
		case r < 86:
			s.add(inviter, patLeft)
		case r < 89:
			s.add(inviter, patLeftBack)
		case r < 92:
			s.add(inviter, patTwice)
		case r < 94 && !selfUsed[inviter]:
			selfUsed[inviter] = true
			s.helps = append(s.helps, &help{inviter: inviter, unionid: participantUnion(inviter), pattern: patSelf})
		case r < 99:
			for range min(8, n-len(s.helps)) {
				s.add(inviter, patBurst)
			}
		default:
			s.add(inviter, patBlack)
		}
	}
	return s
}

func (s *script) add(inviter int, pattern string) {
	s.helps = append(s.helps, &help{inviter: inviter, unionid: fmt.Sprintf("ui%06d", len(s.helps)), pattern: pattern})
}

func participantUnion(i int) string { return fmt.Sprintf("up%05d", i) }

// expected is the independent computation: each invitee's outcome from
// the script alone (blacklist, self, known before, left inside the hold),
// then each inviter's run through the velocity limit in arrival order.
func expected(s *script, hold time.Duration, max int, window time.Duration) map[string]string {
	out := map[string]string{}
	byInviter := map[int][]*help{}
	for _, h := range s.helps {
		switch {
		case h.pattern == patBlack:
			out[h.unionid] = "voided:" + app.VoidBlacklist
		case h.pattern == patSelf:
			out[h.unionid] = "voided:" + app.VoidSelf
		case h.existing:
			out[h.unionid] = "voided:" + app.VoidExisting
		case !h.leftAt.IsZero() && h.leftAt.Sub(h.arrived) < hold:
			out[h.unionid] = "voided:" + app.VoidLeft
		default:
			byInviter[h.inviter] = append(byInviter[h.inviter], h)
		}
	}
	for _, hs := range byInviter {
		sort.Slice(hs, func(i, j int) bool { return hs[i].arrived.Before(hs[j].arrived) })
		var counted []time.Time
		for _, h := range hs {
			recent := 0
			for _, t := range counted {
				if h.arrived.Sub(t) < window {
					recent++
				}
			}
			if recent >= max {
				out[h.unionid] = app.HelpReview
				continue
			}
			counted = append(counted, h.arrived)
			out[h.unionid] = app.HelpCredited
		}
	}
	return out
}

// scenarioSize is the full acceptance size, or 6% of it under CI (the
// same patterns and proportions; the race detector makes every callback
// several times slower there).
func scenarioSize() (participants, helps int) {
	if os.Getenv("CI") == "true" || testing.Short() {
		return 60, 600
	}
	return 1000, 10000
}

// TestReferralScenario runs the acceptance scenario: participants invite
// through the sandbox, 20% of helps follow fraud patterns, and every
// wave's callbacks are held, then delivered shuffled with 30% of them
// twice. Afterwards (past the hold, one tick later) each help's verdict
// and each participant's counts equal the independent computation.
func TestReferralScenario(t *testing.T) {
	p, n := scenarioSize()
	eachStack(t, 0.3, func(t *testing.T, w *world) {
		coupon, points := w.rewards(t, p/4)
		c := w.campaign(t, func(c *app.ReferralCampaign) {
			c.VelocityMax, c.VelocityMinutes = 5, 10
			c.Tiers = []app.ReferralTier{{Helps: 3, RewardID: coupon.ID, Name: "邀请3人得咖啡券"}, {Helps: 12, RewardID: points.ID, Name: "邀请12人得500积分"}}
		})
		s := newScript(p, n, 14)
		scenes := w.join(t, c, p)
		w.play(t, c, s, scenes)
		w.s.SC.Advance(25 * time.Hour)
		require.NoError(t, w.s.Referrals.Tick(w.ctx, w.s.Corp.ID))
		want := expected(s, 24*time.Hour, 5, 10*time.Minute)
		w.compare(t, c, s, want)
		w.compareRewards(t, c, s, want, coupon, points)
	})
}

// join makes the participants join the campaign and returns their scenes.
func (w *world) join(t *testing.T, c *app.ReferralCampaign, n int) []string {
	scenes := make([]string, n)
	for i := range n {
		m, err := w.s.Member.Upsert(w.ctx, c.CorpID, member.Input{UnionID: participantUnion(i), Name: fmt.Sprintf("参与者%d", i)})
		require.NoError(t, err)
		pt, _, err := w.s.Referrals.Join(w.ctx, referral.Consumer{CorpID: c.CorpID, UnionID: participantUnion(i), OpenID: "op" + participantUnion(i),
			MemberID: &m.MemberID, Name: fmt.Sprintf("参与者%d", i)}, c.ID)
		require.NoError(t, err)
		scenes[i] = pt.Scene
	}
	return scenes
}

// wave is how many helps' first steps run between deliveries.
const wave = 250

// play runs the script in waves: each wave's callbacks are held, then
// released shuffled; a help's later steps (a deletion, a second add) run
// in the next wave, so they reach Siyu reordered with other helps' adds.
func (w *world) play(t *testing.T, c *app.ReferralCampaign, s *script, scenes []string) {
	require.NoError(t, w.s.Referrals.Blacklist(w.ctx, c.CorpID, blackUnion(s), "测试：黑名单", "user:1"))
	var later []*help
	for start := 0; start < len(s.helps); start += wave {
		w.s.SC.HoldDeliveries()
		for _, h := range later {
			w.second(t, h)
		}
		later = later[:0]
		for _, h := range s.helps[start:min(start+wave, len(s.helps))] {
			w.first(t, c, h, scenes)
			if h.pattern == patLeft || h.pattern == patLeftBack || h.pattern == patTwice {
				later = append(later, h)
			}
		}
		w.s.SC.ReleaseDeliveries(sandbox.Shuffled)
		w.s.Settle(t, 2*time.Minute)
	}
	w.s.SC.HoldDeliveries()
	for _, h := range later {
		w.second(t, h)
	}
	w.s.SC.ReleaseDeliveries(sandbox.Shuffled)
	w.s.Settle(t, 2*time.Minute)
}

func blackUnion(s *script) []string {
	var out []string
	for _, h := range s.helps {
		if h.pattern == patBlack {
			out = append(out, h.unionid)
		}
	}
	return out
}

// first is a help's scan and arrival (after adding g1 directly for an
// existing friend); the clock moves ten seconds a step.
func (w *world) first(t *testing.T, c *app.ReferralCampaign, h *help, scenes []string) {
	sc := w.s.SC
	cu := sandbox.Customer{Name: "好友" + h.unionid, Type: 1, UnionID: h.unionid}
	if h.pattern == patExisting {
		a, err := sc.CustomerAdds(sandbox.Add{UserID: "g1", Customer: cu})
		require.NoError(t, err)
		cu.ExternalUserID, h.existing = a.ExternalUserID, true
		sc.Advance(10 * time.Second)
	}
	_, _, err := w.s.Referrals.Scan(w.ctx, referral.Consumer{CorpID: c.CorpID, UnionID: h.unionid, OpenID: "o" + h.unionid}, scenes[h.inviter])
	require.NoError(t, err)
	h.arrived = sc.Now().Truncate(time.Second)
	a, err := sc.CustomerAdds(sandbox.Add{UserID: "g2", ConfigID: w.channel.ConfigID, Customer: cu})
	require.NoError(t, err)
	h.ext = a.ExternalUserID
	sc.Advance(10 * time.Second)
}

// second is a help's later step: the deletion, or the second add.
func (w *world) second(t *testing.T, h *help) {
	sc := w.s.SC
	switch h.pattern {
	case patLeft, patLeftBack:
		h.leftAt = sc.Now().Truncate(time.Second)
		require.NoError(t, sc.CustomerDeletesMember("g2", h.ext))
		if h.pattern == patLeftBack {
			sc.Advance(10 * time.Second)
			_, err := sc.CustomerAdds(sandbox.Add{UserID: "g2", ConfigID: w.channel.ConfigID, Customer: sandbox.Customer{ExternalUserID: h.ext}})
			require.NoError(t, err)
		}
	case patTwice:
		_, err := sc.CustomerAdds(sandbox.Add{UserID: "g1", ConfigID: w.channel.ConfigID, Customer: sandbox.Customer{ExternalUserID: h.ext}})
		require.NoError(t, err)
	}
	sc.Advance(10 * time.Second)
}

// compare checks every help's verdict and every participant's counts.
func (w *world) compare(t *testing.T, c *app.ReferralCampaign, s *script, want map[string]string) {
	got := map[string]string{}
	hs, _, err := w.s.Referrals.ListHelps(w.ctx, app.ReferralHelpFilter{CorpID: c.CorpID, CampaignID: c.ID, Page: app.Page{Limit: len(s.helps) + 10}})
	require.NoError(t, err)
	for _, h := range hs {
		v := h.Status
		if h.Status == app.HelpVoided {
			v += ":" + h.Reason
		}
		got[h.InviteeUnionID] = v
	}
	diff := 0
	for u, v := range want {
		if got[u] != v && diff < 10 {
			t.Errorf("%s: got %q, want %q", u, got[u], v)
			diff++
		}
	}
	assert.Len(t, got, len(want), "one help per invitee")
	tally := map[string]int{}
	for _, v := range want {
		tally[v]++
	}
	t.Logf("helps: %d; verdicts %v", len(want), tally)
	w.compareParticipants(t, c, s, want)
	w.compareFigures(t, c, s, tally)
}

// compareParticipants checks each participant's counters against the
// expected verdicts of their invitees.
func (w *world) compareParticipants(t *testing.T, c *app.ReferralCampaign, s *script, want map[string]string) {
	credited := map[string]int{}
	for _, h := range s.helps {
		if want[h.unionid] == app.HelpCredited {
			credited[participantUnion(h.inviter)]++
		}
	}
	ps, _, err := w.s.Referrals.ListParticipants(w.ctx, c.CorpID, c.ID, app.Page{Limit: s.participants})
	require.NoError(t, err)
	require.Len(t, ps, s.participants)
	for _, p := range ps {
		assert.Equal(t, credited[p.UnionID], p.Credited, "credited helps of %s", p.UnionID)
	}
}

// compareFigures checks the campaign's figures against the tally of
// expected verdicts, and that every credited help is one touch.
func (w *world) compareFigures(t *testing.T, c *app.ReferralCampaign, s *script, tally map[string]int) {
	f, err := w.s.Referrals.Figures(w.ctx, c.CorpID, c.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(s.participants), f.Total.Participants)
	assert.Equal(t, int64(len(s.helps)), f.Total.Invitees, "every invitee scanned once")
	assert.Equal(t, int64(len(s.helps)), f.Total.Visits)
	assert.Equal(t, int64(tally[app.HelpCredited]), f.Total.Credited)
	assert.Equal(t, int64(tally[app.HelpReview]), f.Total.Review)
	for _, r := range []string{app.VoidExisting, app.VoidLeft, app.VoidSelf, app.VoidBlacklist} {
		assert.Equal(t, int64(tally["voided:"+r]), f.Total.VoidedBy[r], "voided: %s", r)
	}
	var byGuide int64
	for _, g := range f.ByGuide {
		byGuide += g.Credited
	}
	assert.Equal(t, f.Total.Credited, byGuide)
	var touches int64
	require.NoError(t, w.s.DB.SQL().QueryRow("SELECT COUNT(*) FROM touches WHERE corp_id = ? AND kind = ?", c.CorpID, app.TouchReferral).Scan(&touches))
	assert.Equal(t, f.Total.Credited, touches, "one touch per credited help")
}

// rewards makes the scenario's rewards: a coupon pool of n codes (fewer
// than the participants who reach its tier, so stock runs out) and 500
// points.
func (w *world) rewards(t *testing.T, n int) (coupon, points *app.Reward) {
	coupon = &app.Reward{CorpID: w.s.Corp.ID, Name: "咖啡券", Kind: app.RewardCoupon, CostCents: 1500}
	require.NoError(t, w.s.Rewards.CreateReward(w.ctx, coupon))
	var codes strings.Builder
	for i := range n {
		fmt.Fprintf(&codes, "CAFE%05d\n", i)
	}
	imp, err := w.s.Rewards.ImportCodes(w.ctx, coupon.CorpID, coupon.ID, strings.NewReader(codes.String()))
	require.NoError(t, err)
	require.Equal(t, n, imp.Added)
	coupon, err = w.s.Rewards.FindReward(w.ctx, coupon.CorpID, coupon.ID)
	require.NoError(t, err)
	points = &app.Reward{CorpID: w.s.Corp.ID, Name: "500积分", Kind: app.RewardPoints, Points: 500, CostCents: 500, StockTotal: 100000, StockLeft: 100000}
	require.NoError(t, w.s.Rewards.CreateReward(w.ctx, points))
	return coupon, points
}

// compareRewards checks each participant's tiers against their expected
// credited helps: the coupon to those reaching 3 while codes last (in no
// particular order: which participants got the last codes depends on
// timing, how many never does), points to all reaching 12; no member is
// granted anything twice.
func (w *world) compareRewards(t *testing.T, c *app.ReferralCampaign, s *script, want map[string]string, coupon, points *app.Reward) {
	credited := map[int]int{}
	for _, h := range s.helps {
		if want[h.unionid] == app.HelpCredited {
			credited[h.inviter]++
		}
	}
	reach3, reach12 := 0, 0
	for _, n := range credited {
		if n >= 3 {
			reach3++
		}
		if n >= 12 {
			reach12++
		}
	}
	f, err := w.s.Referrals.Figures(w.ctx, c.CorpID, c.ID)
	require.NoError(t, err)
	coupons := min(reach3, int(coupon.StockTotal))
	var grants, outOfStock int
	require.NoError(t, w.s.DB.SQL().QueryRow("SELECT COUNT(*) FROM reward_grants WHERE corp_id = ? AND reward_id = ?", c.CorpID, coupon.ID).Scan(&grants))
	require.NoError(t, w.s.DB.SQL().QueryRow("SELECT COUNT(*) FROM referral_rewards WHERE campaign_id = ? AND tier = 0 AND status = ?", c.ID, app.TierOutOfStock).Scan(&outOfStock))
	assert.Equal(t, coupons, grants, "coupons granted")
	assert.Equal(t, reach3-coupons, outOfStock, "reached the coupon tier after the codes ran out")
	require.NoError(t, w.s.DB.SQL().QueryRow("SELECT COUNT(*) FROM reward_grants WHERE corp_id = ? AND reward_id = ?", c.CorpID, points.ID).Scan(&grants))
	assert.Equal(t, reach12, grants, "points granted")
	assert.Equal(t, int64(coupons)*coupon.CostCents+int64(reach12)*points.CostCents, f.Total.CostCents)
	t.Logf("coupon tier reached by %d (%d coupons, %d out of stock); points tier by %d", reach3, coupons, reach3-coupons, reach12)
}
