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

// Tick credits the helps whose hold has passed in the corp's live
// campaigns (judging them again first: a leave may have come since) and
// grants the tiers reached. Run once per period across schedulers; a pass
// interrupted does no harm, as settling is idempotent.
func (s *Service) Tick(ctx context.Context, corpID int64) error {
	now := s.now()
	cs, err := s.Store.LiveCampaigns(ctx, corpID, now)
	if err != nil {
		return err
	}
	var errs []error
	for i := range cs {
		if err := s.tickCampaign(ctx, &cs[i], now); err != nil {
			errs = append(errs, fmt.Errorf("campaign %d: %w", cs[i].ID, err))
		}
	}
	return errors.Join(errs...)
}

func (s *Service) tickCampaign(ctx context.Context, c *app.ReferralCampaign, now time.Time) error {
	cutoff := now.Add(-time.Duration(c.HoldHours) * time.Hour)
	for {
		hs, err := s.Store.DueHelps(ctx, c.CorpID, c.ID, cutoff, tickBatch)
		if err != nil || len(hs) == 0 {
			return err
		}
		for _, h := range hs {
			if err := s.settle(ctx, c.CorpID, h.ParticipantID, h.InviteeUnionID); err != nil {
				return err
			}
		}
		if len(hs) < tickBatch {
			return nil
		}
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
