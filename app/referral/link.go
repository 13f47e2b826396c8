package referral

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// createLinkCampaign creates a friend campaign that invites by one
// 获客链接 reaching the channel's guides: each participant's link adds
// customer_channel State.scene, which WeCom returns as the add's state,
// so the inviter is known from the add itself.
func (s *Service) createLinkCampaign(ctx context.Context, c *app.ReferralCampaign, ch *app.Channel) error {
	c.Status, c.State = app.ReferralCreating, fmt.Sprintf("rlnew%d", s.now().UnixNano())
	if err := s.Store.CreateCampaign(ctx, c); err != nil {
		return err
	}
	c.State = "rl" + strconv.FormatInt(c.ID, 10)
	if err := s.Store.UpdateCampaign(ctx, c); err != nil {
		return err
	}
	cli, err := s.Clients.Client(ctx, c.CorpID)
	if err != nil {
		return err
	}
	users := make([]string, len(ch.Members))
	for i, m := range ch.Members {
		users[i] = m.UserID
	}
	l, err := cli.CreateAcquisitionLink(ctx, wecom.AcquisitionLink{Name: app.Truncate(c.Name, 30), Users: users, SkipVerify: ch.SkipVerify})
	if err != nil {
		return fmt.Errorf("create acquisition link: %w", err)
	}
	c.LinkID, c.LinkURL, c.Status = l.LinkID, l.URL, app.ReferralActive
	return s.Store.UpdateCampaign(ctx, c)
}

// InviteLink is a participant's own 获客链接 ("" for a campaign inviting
// by codes).
func InviteLink(c *app.ReferralCampaign, p *app.ReferralParticipant) string {
	if c.LinkURL == "" {
		return ""
	}
	u, err := wecom.LinkWithChannel(c.LinkURL, c.State+"."+p.Scene)
	if err != nil {
		return ""
	}
	return u
}

// pendFromLink records, for an add through a participant's 获客链接, the
// invitee's first "scan": the link named the inviter, so the add itself
// is the pending pair (first wins, as with codes).
func (s *Service) pendFromLink(ctx context.Context, corpID int64, state, ext string, at app.ReferralObservation) error {
	camp, scene, ok := strings.Cut(state, ".")
	if !ok || !strings.HasPrefix(camp, "rl") || !validScene(scene) {
		return nil
	}
	p, err := s.Store.ParticipantByScene(ctx, corpID, scene)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return nil // a forged or stale channel: no inviter
	} else if err != nil {
		return err
	}
	c, err := s.Store.FindCampaign(ctx, corpID, p.CampaignID)
	if err != nil || c.State != camp {
		return err
	}
	unionid, err := s.Dir.UnionIDOf(ctx, corpID, ext)
	if err != nil || unionid == "" {
		return err
	}
	_, err = s.Store.AddPending(ctx, &app.ReferralPending{CorpID: corpID, CampaignID: c.ID, InviteeUnionID: unionid, ParticipantID: p.ID, ScannedAt: at.At})
	return err
}
