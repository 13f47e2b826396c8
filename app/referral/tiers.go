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
// answer. Out of stock and a refused reward are answers (an operator adds
// stock and grants by hand); anything else is retried by the next settle.
func (s *Service) grantTier(ctx context.Context, c *app.ReferralCampaign, p *app.ReferralParticipant, i int, t app.ReferralTier) error {
	r := &app.ReferralTierReward{CorpID: p.CorpID, ParticipantID: p.ID, Tier: i, CampaignID: c.ID, RewardID: t.RewardID, Status: app.TierPending}
	if _, err := s.Store.SaveTierReward(ctx, r); err != nil {
		return err
	}
	req, err := s.grantRequest(ctx, c, p, i, t)
	if err != nil {
		return err
	}
	g, err := s.Rewards.Grant(ctx, req)
	switch code := app.ErrorCode(err); {
	case err == nil:
		r.Status, r.GrantID, r.Detail = app.TierGranted, &g.ID, g.Code
		if rw, err := s.Rewards.FindReward(ctx, p.CorpID, t.RewardID); err == nil {
			r.CostCents = rw.CostCents
		}
		if err := s.tellReward(ctx, c, p, t, req.Key); err != nil {
			return err
		}
	case code == app.EOUTOFSTOCK:
		r.Status, r.Detail = app.TierOutOfStock, app.ErrorMessage(err)
	case code == app.EINVALID || code == app.ENOTFOUND || code == app.ECONFLICT:
		r.Status, r.Detail = app.TierFailed, app.ErrorMessage(err)
	default:
		return err
	}
	return s.Store.UpdateTierReward(ctx, r)
}

// grantRequest names who gets the unit: the participant's member, or the
// customer they are in WeCom, and for a gift the guide of their latest
// credited help (who hands it over in store).
func (s *Service) grantRequest(ctx context.Context, c *app.ReferralCampaign, p *app.ReferralParticipant, i int, t app.ReferralTier) (app.GrantRequest, error) {
	req := app.GrantRequest{CorpID: p.CorpID, RewardID: t.RewardID, MemberID: p.MemberID,
		Key: fmt.Sprintf("rf%d:p%d:t%d", c.ID, p.ID, i), Reason: fmt.Sprintf("%s：%s", c.Name, t.Name)}
	exts, err := s.Dir.ExternalsOf(ctx, p.CorpID, p.UnionID)
	if err != nil {
		return req, err
	}
	if len(exts) > 0 {
		req.ExternalUserID = exts[0]
	}
	hs, err := s.Store.HelpsOf(ctx, p.CorpID, p.ID)
	for _, h := range hs {
		if h.Status == app.HelpCredited && h.UserID != "" {
			req.UserID = h.UserID
		}
	}
	return req, err
}
