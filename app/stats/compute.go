package stats

import (
	"context"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// corpDays is what computing a corp's days needs once, whatever the
// number of days: its zone, guide bindings, stores' brands, and the
// asset snapshot when a day is today or yesterday.
type corpDays struct {
	id     int64
	loc    *time.Location
	guides map[string]int64
	brands map[int64]int64
	today  time.Time
	assets []app.AssetCount // read once, when a recent day is computed
}

// Compute recomputes the corp's days (yyyy-mm-dd, its zone), one after
// another; progress, when set, hears after each.
func (s *Service) Compute(ctx context.Context, corpID int64, days []string) error {
	return s.compute(ctx, corpID, days, nil)
}

func (s *Service) compute(ctx context.Context, corpID int64, days []string, progress func(done, total int)) error {
	c, err := s.corpDays(ctx, corpID)
	if err != nil {
		return err
	}
	for i, day := range days {
		d, err := parseDay(day)
		if err != nil {
			return err
		}
		if err := s.computeDay(ctx, c, d); err != nil {
			return fmt.Errorf("stats of corp %d, %s: %w", corpID, day, err)
		}
		if progress != nil {
			progress(i+1, len(days))
		}
	}
	return s.carry(ctx, corpID)
}

// carry brings the corp's running totals up to date, a day per
// transaction, so another worker's days wait for one day's carry at most.
func (s *Service) carry(ctx context.Context, corpID int64) error {
	for more := true; more; {
		err := s.Tx.InTx(ctx, func(ctx context.Context) (err error) {
			more, err = s.Aggregates.CarryCums(ctx, corpID)
			return err
		})
		if err != nil {
			return fmt.Errorf("stats of corp %d, running totals: %w", corpID, err)
		}
	}
	return nil
}

func (s *Service) corpDays(ctx context.Context, corpID int64) (*corpDays, error) {
	zone, err := s.Corps.CorpZone(ctx, corpID)
	if err != nil {
		return nil, err
	}
	c := &corpDays{id: corpID, loc: app.ZoneNamed(zone)}
	c.today = localDay(s.now(), c.loc)
	if c.guides, err = s.Ledgers.GuideStores(ctx, corpID); err != nil {
		return nil, err
	}
	c.brands, err = s.Ledgers.StoreBrands(ctx, corpID)
	return c, err
}

// computeDay reads day's ledgers, rolls them up and replaces the day's
// rows in one transaction, with the asset snapshot when day is today or
// yesterday.
func (s *Service) computeDay(ctx context.Context, c *corpDays, day time.Time) error {
	start := s.now()
	sp := span(c.id, day, c.loc, start)
	parts, err := s.Ledgers.StatParts(ctx, sp)
	if err != nil {
		return err
	}
	credits, err := s.Ledgers.DayCredits(ctx, sp)
	if err != nil {
		return err
	}
	rows := rollup(parts, c.guides, c.brands)
	assets, snapshot, err := s.assets(ctx, c, day)
	if err != nil {
		return err
	}
	n := int64(len(rows) + len(credits) + len(assets))
	d := app.StatsDay{CorpID: c.id, Day: sp.Day, ComputedAt: start, DurationMS: s.now().Sub(start).Milliseconds(), RowCount: n}
	// The day's stats_days row is written first: its lock makes a second
	// worker on the same day wait for this one's commit and then replace
	// its rows, where two deletes of nothing followed by two inserts
	// would collide on the keys.
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Aggregates.MarkStatsDay(ctx, d); err != nil {
			return err
		}
		if err := s.Aggregates.MarkCumsStale(ctx, c.id, sp.Day); err != nil {
			return err
		}
		if err := s.Aggregates.ReplaceDailyStats(ctx, c.id, sp.Day, rows); err != nil {
			return err
		}
		if err := s.Aggregates.ReplaceDailyCredits(ctx, c.id, sp.Day, credits); err != nil {
			return err
		}
		if !snapshot {
			return nil
		}
		return s.Aggregates.ReplaceAssets(ctx, c.id, sp.Day, assets)
	})
}

// assets is the asset snapshot to write for day: members as they stand,
// read once per run, when day is today or yesterday (snapshot true).
func (s *Service) assets(ctx context.Context, c *corpDays, day time.Time) ([]app.AssetCount, bool, error) {
	if !day.Equal(c.today) && !day.Equal(c.today.AddDate(0, 0, -1)) {
		return nil, false, nil
	}
	if c.assets == nil {
		as, err := s.Ledgers.AssetCounts(ctx, c.id)
		if err != nil {
			return nil, false, err
		}
		c.assets = append(make([]app.AssetCount, 0, len(as)), as...)
	}
	return c.assets, true, nil
}
