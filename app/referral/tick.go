package referral

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// tickBatch bounds the helps one pass settles per campaign; the next tick
// takes the rest.
const tickBatch = 1000

// Tick credits the helps whose hold has passed in the corp's campaigns
// (judging them once more first: a leave may have come since), whatever
// the campaign's window (a help that arrived in its last minute is due
// after it), then asks again for tiers left pending by a failed grant.
// Run once per period across schedulers; a pass interrupted does no
// harm, as settling is idempotent.
func (s *Service) Tick(ctx context.Context, corpID int64) error {
	now := s.now()
	ids, err := s.Store.HeldCampaigns(ctx, corpID)
	if err != nil {
		return err
	}
	var errs []error
	for _, id := range ids {
		if err := s.tickCampaign(ctx, corpID, id, now); err != nil {
			errs = append(errs, fmt.Errorf("campaign %d: %w", id, err))
		}
	}
	pids, err := s.Store.PendingTierParticipants(ctx, corpID)
	errs = append(errs, err)
	for _, pid := range pids {
		if err := s.settle(ctx, corpID, pid, ""); err != nil {
			errs = append(errs, fmt.Errorf("participant %d: %w", pid, err))
		}
	}
	return errors.Join(errs...)
}

// tickCampaign settles the campaign's due helps in pages, each after the
// last: a help that stays held (its hold was lengthened) is not read twice.
func (s *Service) tickCampaign(ctx context.Context, corpID, id int64, now time.Time) error {
	c, err := s.Store.FindCampaign(ctx, corpID, id)
	if err != nil {
		return err
	}
	cutoff := now.Add(-time.Duration(c.HoldHours) * time.Hour)
	var after *app.ReferralHelp
	for {
		hs, err := s.Store.DueHelps(ctx, c.CorpID, c.ID, cutoff, after, tickBatch)
		if err != nil || len(hs) == 0 {
			return err
		}
		for _, h := range hs {
			if err := s.settle(ctx, c.CorpID, h.ParticipantID, h.InviteeUnionID); err != nil {
				return err
			}
		}
		after = &hs[len(hs)-1]
	}
}

// Settle judges the participant's helps again (after an operator's
// decision, a blacklist change) and grants the tiers reached.
func (s *Service) Settle(ctx context.Context, corpID, participantID int64) error {
	hs, err := s.Store.HelpsOf(ctx, corpID, participantID)
	if err != nil {
		return err
	}
	if len(hs) == 0 {
		return s.settle(ctx, corpID, participantID, "")
	}
	for _, h := range hs {
		if err := s.settle(ctx, corpID, participantID, h.InviteeUnionID); err != nil {
			return err
		}
	}
	return nil
}
