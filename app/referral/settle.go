package referral

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// settleInvitee judges again the invitee's help in every campaign they
// scanned a code in.
func (s *Service) settleInvitee(ctx context.Context, corpID int64, unionid string) error {
	if unionid == "" {
		return nil
	}
	pend, err := s.Store.PendingOf(ctx, corpID, unionid)
	if err != nil {
		return err
	}
	for _, p := range pend {
		if err := s.settle(ctx, corpID, p.ParticipantID, unionid); err != nil {
			return fmt.Errorf("settle campaign %d: %w", p.CampaignID, err)
		}
	}
	return nil
}

// settle judges the invitee's help for participant pid, settles the
// participant's helps against the velocity limit and counts them, under
// the participant's lock; then grants the reward tiers reached.
func (s *Service) settle(ctx context.Context, corpID, pid int64, unionid string) error {
	var p *app.ReferralParticipant
	var c *app.ReferralCampaign
	err := s.Tx.InTx(ctx, func(ctx context.Context) error {
		var err error
		if err = s.Store.LockParticipant(ctx, corpID, pid); err != nil {
			return err
		}
		if p, c, err = s.participantAndCampaign(ctx, corpID, pid); err != nil {
			return err
		}
		if err = s.rejudge(ctx, c, p, unionid); err != nil {
			return err
		}
		p, err = s.Store.SetCounts(ctx, corpID, pid)
		return err
	})
	if err != nil {
		return err
	}
	return s.grantTiers(ctx, c, p)
}

func (s *Service) participantAndCampaign(ctx context.Context, corpID, pid int64) (*app.ReferralParticipant, *app.ReferralCampaign, error) {
	p, err := s.Store.FindParticipant(ctx, corpID, pid)
	if err != nil {
		return nil, nil, err
	}
	c, err := s.Store.FindCampaign(ctx, corpID, p.CampaignID)
	return p, c, err
}

// rejudge applies the invitee's verdict (unionid "" re-judges none, only
// the limit) and the velocity limit to the participant's helps, writing
// those that changed and recording a touch for each newly credited one.
func (s *Service) rejudge(ctx context.Context, c *app.ReferralCampaign, p *app.ReferralParticipant, unionid string) error {
	hs, err := s.Store.HelpsOf(ctx, c.CorpID, p.ID)
	if err != nil {
		return err
	}
	before := slices.Clone(hs)
	if unionid != "" {
		if hs, err = s.judgeInto(ctx, c, p, unionid, hs); err != nil {
			return err
		}
	}
	applyVelocity(c, hs, s.now())
	changed := s.changedHelps(before, hs)
	if err := s.Store.SaveHelps(ctx, changed); err != nil {
		return err
	}
	return s.touchCredited(ctx, c, before, changed)
}

// judgeInto replaces the invitee's help in hs by the verdict on them now:
// a new help, an updated one, or none when they have not arrived.
func (s *Service) judgeInto(ctx context.Context, c *app.ReferralCampaign, p *app.ReferralParticipant, unionid string, hs []app.ReferralHelp) ([]app.ReferralHelp, error) {
	i := slices.IndexFunc(hs, func(h app.ReferralHelp) bool { return h.InviteeUnionID == unionid })
	var arrivedBy string
	if i >= 0 {
		arrivedBy = hs[i].ExternalUserID
	}
	f, err := s.facts(ctx, c, p, unionid, arrivedBy)
	if err != nil {
		return nil, err
	}
	v := Judge(f, s.now())
	if !v.Arrived {
		if i >= 0 { // its arrival fell out of the window: a changed campaign
			if err := s.Store.DeleteHelp(ctx, c.CorpID, c.ID, unionid); err != nil {
				return nil, err
			}
			hs = slices.Delete(hs, i, i+1)
		}
		return hs, nil
	}
	h := app.ReferralHelp{CorpID: c.CorpID, CampaignID: c.ID, ParticipantID: p.ID, InviteeUnionID: unionid}
	if i >= 0 {
		h = hs[i]
	}
	moved := i < 0 || h.UserID != v.UserID || h.ChatID != v.ChatID
	h.ExternalUserID, h.UserID, h.ChatID, h.ArrivedAt = v.ExternalUserID, v.UserID, v.ChatID, v.ArrivedAt
	h.Status, h.Reason = v.Status, v.Reason
	if moved { // placed once: a guide who moves stores later keeps past helps where they were
		if err := s.place(ctx, c, &h); err != nil {
			return nil, err
		}
	}
	if i >= 0 {
		hs[i] = h
	} else {
		hs = append(hs, h)
	}
	return hs, nil
}

// facts gathers what is known about the invitee: their observations and
// the mirror's contacts, of every external_userid their unionid has in the
// corp (and the one their help arrived by, should the mirror have lost the
// unionid), and when they first scanned.
func (s *Service) facts(ctx context.Context, c *app.ReferralCampaign, p *app.ReferralParticipant, unionid, arrivedBy string) (Facts, error) {
	f := Facts{Campaign: c, InviterUnionID: p.UnionID, InviteeUnionID: unionid}
	var err error
	if f.Blacklisted, err = s.Store.Blacklisted(ctx, c.CorpID, p.UnionID, unionid); err != nil {
		return f, err
	}
	if f.ScannedAt, err = s.scannedAt(ctx, c, unionid); err != nil {
		return f, err
	}
	exts, err := s.Dir.ExternalsOf(ctx, c.CorpID, unionid)
	if err != nil {
		return f, err
	}
	if arrivedBy != "" && !slices.Contains(exts, arrivedBy) {
		exts = append(exts, arrivedBy)
	}
	for _, ext := range exts {
		os, err := s.Store.ObservationsOf(ctx, c.CorpID, ext)
		if err != nil {
			return f, err
		}
		mirror, err := s.Dir.MirrorContacts(ctx, c.CorpID, ext, c.ChatIDs)
		if err != nil {
			return f, err
		}
		f.Observations, f.Mirror = append(f.Observations, os...), append(f.Mirror, mirror...)
	}
	return f, nil
}

// scannedAt is when the invitee's pending pair in the campaign was made
// (zero when there is none: no arrival then counts for anyone).
func (s *Service) scannedAt(ctx context.Context, c *app.ReferralCampaign, unionid string) (time.Time, error) {
	pend, err := s.Store.PendingOf(ctx, c.CorpID, unionid)
	for _, p := range pend {
		if p.CampaignID == c.ID {
			return p.ScannedAt, err
		}
	}
	return time.Time{}, err
}

// place names the guide a help came to (a group's owner when the join
// way's scan names no inviting member) and that guide's store.
func (s *Service) place(ctx context.Context, c *app.ReferralCampaign, h *app.ReferralHelp) error {
	if h.UserID == "" && h.ChatID != "" {
		owner, err := s.Dir.GroupOwner(ctx, c.CorpID, h.ChatID)
		if err != nil && app.ErrorCode(err) != app.ENOTFOUND {
			return err
		}
		h.UserID = owner
	}
	h.StoreID = nil
	if h.UserID == "" || s.Guides == nil {
		return nil
	}
	stores, err := s.Guides.ActiveGuides(ctx, c.CorpID, []string{h.UserID})
	if id, ok := stores[h.UserID]; ok && id > 0 {
		h.StoreID = &id
	}
	return err
}
