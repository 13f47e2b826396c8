package referral

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// grantTiers asks for the reward of every tier the participant's
// credited helps reach and has not had answered. A reward is never taken
// back: helps voided later only stop the next tiers.
func (s *Service) grantTiers(ctx context.Context, c *app.ReferralCampaign, p *app.ReferralParticipant) error {
	if s.Rewards == nil || p == nil {
		return nil
	}
	had, err := s.Store.TierRewards(ctx, p.CorpID, p.ID)
	if err != nil {
		return err
	}
	answered := map[int]bool{}
	for _, r := range had {
		answered[r.Tier] = r.Status != app.TierPending
	}
	for i, t := range c.Tiers {
		if p.Credited < t.Helps {
			break
		}
		if answered[i] {
			continue
		}
		if err := s.grantTier(ctx, c, p, i, t); err != nil {
			return err
		}
	}
	return nil
}

// grantTier records the tier reached, asks for its reward and records the
// answer. Out of stock and a refused reward are answers; anything else is
// retried by the next settle.
func (s *Service) grantTier(ctx context.Context, c *app.ReferralCampaign, p *app.ReferralParticipant, i int, t app.ReferralTier) error {
	r := &app.ReferralTierReward{CorpID: p.CorpID, ParticipantID: p.ID, Tier: i, CampaignID: c.ID, RewardID: t.RewardID, Status: app.TierPending}
	if _, err := s.Store.SaveTierReward(ctx, r); err != nil {
		return err
	}
	grantID, cost, detail, err := s.Rewards.Grant(ctx, Grant{CorpID: p.CorpID, RewardID: t.RewardID, MemberID: p.MemberID, UnionID: p.UnionID,
		Key: fmt.Sprintf("rf%d:p%d:t%d", c.ID, p.ID, i), Reason: fmt.Sprintf("%s：%s", c.Name, t.Name)})
	switch code := app.ErrorCode(err); {
	case err == nil:
		r.Status, r.GrantID, r.CostCents, r.Detail = app.TierGranted, &grantID, cost, detail
	case code == app.ECONFLICT:
		r.Status, r.Detail = app.TierOutOfStock, app.ErrorMessage(err)
	case code == app.EINVALID || code == app.ENOTFOUND:
		r.Status, r.Detail = app.TierFailed, app.ErrorMessage(err)
	default:
		return err
	}
	return s.Store.UpdateTierReward(ctx, r)
}
