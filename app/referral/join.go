package referral

import (
	"context"
	"crypto/rand"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// sceneAlphabet draws participant keys: lower-case letters and digits a
// mini-program code's scene allows, without look-alikes.
const sceneAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"

// sceneLen gives 31^10 ≈ 8×10^14 keys: guessing a live one is hopeless,
// and the scene stays far under WeCom's 32 characters.
const sceneLen = 10

// Consumer is who the mini-program session says is asking: never an id the
// client sent.
type Consumer struct {
	CorpID   int64
	UnionID  string
	OpenID   string
	MemberID *int64
	Name     string
}

// Join makes the consumer a participant of campaign id (once: joining
// again returns the same participant and key).
func (s *Service) Join(ctx context.Context, who Consumer, id int64) (*app.ReferralParticipant, *app.ReferralCampaign, error) {
	c, err := s.Store.FindCampaign(ctx, who.CorpID, id)
	if err != nil {
		return nil, nil, err
	}
	if p, err := s.Store.ParticipantOf(ctx, who.CorpID, id, who.UnionID); err == nil {
		return p, c, nil
	} else if app.ErrorCode(err) != app.ENOTFOUND {
		return nil, nil, err
	}
	if err := s.joinable(c, who); err != nil {
		return nil, nil, err
	}
	p := &app.ReferralParticipant{CorpID: who.CorpID, CampaignID: id, UnionID: who.UnionID, OpenID: who.OpenID,
		MemberID: who.MemberID, Name: who.Name}
	for range 5 {
		p.Scene = newScene()
		if _, err = s.Store.AddParticipant(ctx, p); app.ErrorCode(err) != app.ECONFLICT {
			break
		}
	}
	return p, c, err
}

// joinable refuses a consumer a campaign that is not running now.
func (s *Service) joinable(c *app.ReferralCampaign, who Consumer) error {
	switch {
	case who.UnionID == "":
		return app.Errorf(app.EINVALID, "请先授权登录后再参加活动")
	case c.Status != app.ReferralActive || !c.Open(s.now()):
		return app.Errorf(app.EINVALID, "活动未开始或已结束")
	}
	return nil
}

func newScene() string {
	var b strings.Builder
	buf := make([]byte, sceneLen)
	_, _ = rand.Read(buf)
	for _, x := range buf {
		b.WriteByte(sceneAlphabet[int(x)%len(sceneAlphabet)])
	}
	return b.String()
}

// Scan records the consumer opening the campaign page through a
// participant's code (scene): a visit for the participant and, the first
// time the consumer scans in this campaign, the pending pair their
// arrival will be credited by. A key nobody holds is refused plainly.
func (s *Service) Scan(ctx context.Context, who Consumer, scene string) (*app.ReferralParticipant, *app.ReferralCampaign, error) {
	p, c, err := s.holderOf(ctx, who.CorpID, scene)
	if err != nil {
		return nil, nil, err
	}
	if err := s.Store.CountVisit(ctx, who.CorpID, p.ID, false); err != nil || who.UnionID == "" {
		return p, c, err
	}
	created, err := s.Store.AddPending(ctx, &app.ReferralPending{CorpID: who.CorpID, CampaignID: c.ID, InviteeUnionID: who.UnionID,
		InviteeOpenID: who.OpenID, ParticipantID: p.ID, ScannedAt: s.now()})
	if err != nil || !created {
		return p, c, err
	}
	return p, c, s.settle(ctx, who.CorpID, p.ID, who.UnionID) // an arrival may have come first
}

// holderOf is the participant whose code carries scene, and their
// campaign; a forged key, one nobody holds, or one of a campaign still
// being created is refused in plain words.
func (s *Service) holderOf(ctx context.Context, corpID int64, scene string) (*app.ReferralParticipant, *app.ReferralCampaign, error) {
	invalid := app.Errorf(app.ENOTFOUND, "邀请码无效或已失效，请向好友重新索取")
	if !validScene(scene) {
		return nil, nil, invalid
	}
	p, err := s.Store.ParticipantByScene(ctx, corpID, scene)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return nil, nil, invalid
	} else if err != nil {
		return nil, nil, err
	}
	c, err := s.Store.FindCampaign(ctx, corpID, p.CampaignID)
	if err == nil && c.Status == app.ReferralCreating {
		err = invalid
	}
	return p, c, err
}

func validScene(scene string) bool {
	if len(scene) != sceneLen {
		return false
	}
	for _, r := range scene {
		if !strings.ContainsRune(sceneAlphabet, r) {
			return false
		}
	}
	return true
}

// Share counts a share of the participant's page the mini-program
// reported: the share return rate is visits over shares.
func (s *Service) Share(ctx context.Context, who Consumer, id int64) error {
	p, err := s.Store.ParticipantOf(ctx, who.CorpID, id, who.UnionID)
	if err != nil {
		return err
	}
	return s.Store.CountVisit(ctx, who.CorpID, p.ID, true)
}
