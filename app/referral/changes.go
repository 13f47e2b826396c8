package referral

import (
	"context"
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

// changedHelps are the helps in after that are new or differ from before,
// with CreditedAt set on those credited now.
func (s *Service) changedHelps(before, after []app.ReferralHelp) []app.ReferralHelp {
	was := map[string]app.ReferralHelp{}
	for _, h := range before {
		was[h.InviteeUnionID] = h
	}
	var out []app.ReferralHelp
	for _, h := range after {
		old, ok := was[h.InviteeUnionID]
		if h.Status == app.HelpCredited && h.CreditedAt == nil {
			at := s.now()
			h.CreditedAt = &at
		}
		if !ok || !sameHelp(old, h) {
			out = append(out, h)
		}
	}
	return out
}

func sameHelp(a, b app.ReferralHelp) bool {
	return a.Status == b.Status && a.Reason == b.Reason && a.ArrivedAt.Equal(b.ArrivedAt) && a.UserID == b.UserID &&
		a.ChatID == b.ChatID && a.ExternalUserID == b.ExternalUserID && a.Decision == b.Decision && sameID(a.StoreID, b.StoreID) &&
		(a.CreditedAt == nil) == (b.CreditedAt == nil)
}

// newlyCredited are the changed helps credited for the first time.
func newlyCredited(before, changed []app.ReferralHelp) []app.ReferralHelp {
	was := map[string]bool{}
	for _, h := range before {
		was[h.InviteeUnionID] = h.CreditedAt != nil
	}
	var out []app.ReferralHelp
	for _, h := range changed {
		if h.Status == app.HelpCredited && !was[h.InviteeUnionID] {
			out = append(out, h)
		}
	}
	return out
}

// touchCredited records a touch for each help credited for the first
// time: a credited help is a chat-linked contact the guide owes to the
// inviter. Its source key keeps it single if the help is settled again.
func (s *Service) touchCredited(ctx context.Context, c *app.ReferralCampaign, fresh []app.ReferralHelp) error {
	if s.Touches == nil || len(fresh) == 0 {
		return nil
	}
	ts := make([]app.Touch, 0, len(fresh))
	for _, h := range fresh {
		ts = append(ts, app.Touch{CorpID: c.CorpID, Kind: app.TouchReferral, SourceID: "rf:" + strconv.FormatInt(c.ID, 10) + ":" + h.InviteeUnionID,
			ExternalUserID: h.ExternalUserID, UserID: h.UserID, State: app.Truncate(c.State, 64), At: *h.CreditedAt})
	}
	return s.Touches.Record(ctx, ts...)
}

func sameID(a, b *int64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
