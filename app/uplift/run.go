package uplift

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Run measures every uplift of corpID at the service's clock and keeps
// the results: the guide comparison replaces the corp's previous one;
// each mass send and journey whose window closed in the last
// LookbackDays gets its result written over its previous one (older
// ones stay as last measured). Running twice gives the same results.
func (s *Service) Run(ctx context.Context, corpID int64) error {
	start, now := time.Now(), s.Now().UTC().Truncate(time.Millisecond)
	zone, err := s.Zones.CorpZone(ctx, corpID)
	if err != nil {
		return err
	}
	b, err := s.load(ctx, corpID)
	if err != nil {
		return fmt.Errorf("uplift: load corp %d: %w", corpID, err)
	}
	from, to := s.guideRange(now, app.ZoneNamed(zone))
	guide, err := s.guide(ctx, b, corpID, from, to, now, app.ZoneNamed(zone))
	if err != nil {
		return err
	}
	if err := s.Store.ReplaceUplifts(ctx, corpID, app.UpliftGuide, guide); err != nil {
		return err
	}
	n := len(guide)
	for _, kind := range []string{app.UpliftMassSend, app.UpliftJourney} {
		rs, err := s.measureHoldouts(ctx, b, corpID, kind, now)
		if err != nil {
			return err
		}
		n += len(rs)
	}
	s.Log.InfoContext(ctx, "uplift measured", slog.Int64("corp", corpID), slog.Int("results", n), slog.Duration("took", time.Since(start)))
	return nil
}

// measureHoldouts measures the kind's subjects whose customers' windows
// closed in the lookback, and saves the results.
func (s *Service) measureHoldouts(ctx context.Context, b *book, corpID int64, kind string, now time.Time) ([]app.UpliftResult, error) {
	window := time.Duration(s.opts.WindowDays) * day
	to := now.Add(-window)
	arms, err := s.Store.HoldoutArms(ctx, corpID, kind, to.Add(-time.Duration(s.opts.LookbackDays)*day), to)
	if err != nil {
		return nil, err
	}
	rs := s.holdouts(b, corpID, kind, arms, now)
	return rs, s.Store.SaveUplifts(ctx, rs)
}
