package referral

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/poster"
)

// Progress is what a participant sees of their campaign: their counts and
// each tier, reached or not, with what came of it.
type Progress struct {
	Campaign    *app.ReferralCampaign
	Participant *app.ReferralParticipant
	Tiers       []TierProgress
}

// TierProgress is one tier as its participant sees it.
type TierProgress struct {
	app.ReferralTier
	Reached bool
	Status  string // a tier state once reached ("" before)
	Detail  string // the coupon code, or why it could not be given
}

// ProgressOf returns the consumer's progress in campaign id; a consumer
// who has not joined it gets ENOTFOUND.
func (s *Service) ProgressOf(ctx context.Context, who Consumer, id int64) (*Progress, error) {
	p, err := s.Store.ParticipantOf(ctx, who.CorpID, id, who.UnionID)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return nil, app.Errorf(app.ENOTFOUND, "你还没有参加这个活动")
	} else if err != nil {
		return nil, err
	}
	c, err := s.Store.FindCampaign(ctx, who.CorpID, id)
	if err != nil {
		return nil, err
	}
	had, err := s.Store.TierRewards(ctx, who.CorpID, p.ID)
	if err != nil {
		return nil, err
	}
	out := &Progress{Campaign: c, Participant: p}
	for i, t := range c.Tiers {
		tp := TierProgress{ReferralTier: t, Reached: p.Credited >= t.Helps}
		for _, r := range had {
			if r.Tier == i {
				tp.Status, tp.Detail = r.Status, consumerDetail(r)
			}
		}
		out.Tiers = append(out.Tiers, tp)
	}
	return out, nil
}

// Materials reads a campaign's poster background (app/material).
type Materials interface {
	ContentOf(ctx context.Context, corpID, id int64) ([]byte, error)
}

// Poster joins the consumer to campaign id (if not yet) and draws their
// share poster: the campaign's image, their name and avatar, and their
// own code. WeChat gives no avatar by API; the mini-program sends the
// picture the consumer chose (chooseAvatar) as avatar, or none (a disc
// with their name's first character is drawn).
func (s *Service) Poster(ctx context.Context, who Consumer, id int64, avatar []byte) ([]byte, *app.ReferralParticipant, error) {
	p, c, err := s.Join(ctx, who, id)
	if err != nil {
		return nil, nil, err
	}
	code, err := s.Codes.Code(ctx, who.CorpID, p.Scene)
	if err != nil {
		return nil, nil, err
	}
	spec := poster.Spec{Name: p.Name, Title: c.Title, Code: code, Avatar: avatar}
	if spec.Title == "" {
		spec.Title = c.Name
	}
	if c.PosterID != nil && s.Materials != nil {
		spec.Background, _ = s.Materials.ContentOf(ctx, c.CorpID, *c.PosterID) // a gone image falls back to the default
	}
	png, err := poster.Render(spec)
	return png, p, err
}

// consumerDetail is what a consumer reads of a tier's outcome: the coupon
// code, or a plain word on why nothing came (an operator reads the cause).
func consumerDetail(r app.ReferralTierReward) string {
	switch r.Status {
	case app.TierGranted:
		return r.Detail
	case app.TierOutOfStock:
		return "奖品已发完，导购会与你联系"
	case app.TierFailed:
		return "奖品暂未发放，导购会与你联系"
	}
	return "奖品发放中"
}
