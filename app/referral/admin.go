package referral

import (
	"context"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// Blacklist puts unionids on the corp's referral blacklist and judges
// again the helps they are in: a blacklisted inviter's helps and a
// blacklisted invitee's help stop counting (rewards granted stand).
func (s *Service) Blacklist(ctx context.Context, corpID int64, unionids []string, reason, by string) error {
	for _, u := range unionids {
		if u = strings.TrimSpace(u); u == "" {
			continue
		}
		if err := s.Store.AddBlacklist(ctx, corpID, u, app.Truncate(reason, 128), by); err != nil {
			return err
		}
		if err := s.resettle(ctx, corpID, u); err != nil {
			return err
		}
	}
	return nil
}

// Unblacklist takes unionid off the blacklist and judges its helps again.
func (s *Service) Unblacklist(ctx context.Context, corpID int64, unionid string) error {
	if err := s.Store.RemoveBlacklist(ctx, corpID, unionid); err != nil {
		return err
	}
	return s.resettle(ctx, corpID, unionid)
}

// resettle judges again the helps unionid is in, as invitee and inviter.
func (s *Service) resettle(ctx context.Context, corpID int64, unionid string) error {
	if err := s.settleInvitee(ctx, corpID, unionid); err != nil {
		return err
	}
	ps, err := s.Store.ParticipationsOf(ctx, corpID, unionid)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if err := s.Settle(ctx, corpID, p.ID); err != nil {
			return err
		}
	}
	return nil
}

// ListBlacklist returns a page of the corp's blacklist.
func (s *Service) ListBlacklist(ctx context.Context, corpID int64, p app.Page) ([]app.ReferralBlacklisted, int64, error) {
	return s.Store.ListBlacklist(ctx, corpID, p)
}

// ListHelps returns a page of a campaign's helps.
func (s *Service) ListHelps(ctx context.Context, f app.ReferralHelpFilter) ([]app.ReferralHelp, int64, error) {
	return s.Store.ListHelps(ctx, f)
}

// ListParticipants returns a page of a campaign's participants, the most
// credited first.
func (s *Service) ListParticipants(ctx context.Context, corpID, campaignID int64, p app.Page) ([]app.ReferralParticipant, int64, error) {
	return s.Store.ListParticipants(ctx, corpID, campaignID, p)
}

// Decide approves or rejects a help held for review, then settles its
// inviter (an approval may reach a tier).
func (s *Service) Decide(ctx context.Context, corpID, helpID int64, decision string) (*app.ReferralHelp, error) {
	if decision != app.DecisionApprove && decision != app.DecisionReject {
		return nil, app.Errorf(app.EINVALID, "审核结果应为通过（approve）或驳回（reject）")
	}
	h, err := s.Store.Decide(ctx, corpID, helpID, decision)
	if err != nil {
		return nil, err
	}
	if err := s.settle(ctx, corpID, h.ParticipantID, h.InviteeUnionID); err != nil {
		return nil, err
	}
	return h, nil
}

// Figures returns a campaign's figures in whole, by store and by guide.
func (s *Service) Figures(ctx context.Context, corpID, campaignID int64) (*app.ReferralBreakdown, error) {
	return s.Store.ReferralFigures(ctx, corpID, campaignID)
}

// TierRewards are the tiers a participant reached and what came of each.
func (s *Service) TierRewards(ctx context.Context, corpID, participantID int64) ([]app.ReferralTierReward, error) {
	return s.Store.TierRewards(ctx, corpID, participantID)
}
