package stats

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Ledgers reads a day of the ledgers the aggregates come from (app/db's
// StatsStore).
type Ledgers interface {
	StatParts(ctx context.Context, sp app.StatsSpan) ([]app.StatPart, error)
	DayCredits(ctx context.Context, sp app.StatsSpan) ([]app.DailyCredit, error)
	AssetCounts(ctx context.Context, corpID int64) ([]app.AssetCount, error)
	// GuideStores is the store of every guide binding, by userid.
	GuideStores(ctx context.Context, corpID int64) (map[string]int64, error)
	// StoreBrands is the brand of every store that has one.
	StoreBrands(ctx context.Context, corpID int64) (map[int64]int64, error)
}

// Aggregates writes the aggregate tables (app/db's StatsStore); stats is
// their only writer. The Replace methods join the transaction ctx
// carries.
type Aggregates interface {
	ReplaceDailyStats(ctx context.Context, corpID int64, day string, rows []app.DailyStat) error
	ReplaceDailyCredits(ctx context.Context, corpID int64, day string, rows []app.DailyCredit) error
	ReplaceAssets(ctx context.Context, corpID int64, day string, rows []app.AssetCount) error
	MarkStatsDay(ctx context.Context, d app.StatsDay) error
	// MarkCumsStale and CarryCums keep the running totals the
	// dashboards' period sums read: a day's rows replaced marks them
	// stale from it; each carry brings them forward a day (more: days
	// remain).
	MarkCumsStale(ctx context.Context, corpID int64, day string) error
	CarryCums(ctx context.Context, corpID int64) (more bool, err error)
	RecordContactEnd(ctx context.Context, e app.ContactEnd) (created bool, err error)
}

// Corps lists the corps the schedule recomputes, with their zones
// (app/db's CorpStore).
type Corps interface {
	ListCorps(ctx context.Context) ([]*app.Corp, error)
	CorpZone(ctx context.Context, corpID int64) (string, error)
}

// Guides finds the binding of a guide whose relation ended (app/db's
// OrgStore).
type Guides interface {
	GuidesByUserID(ctx context.Context, corpID int64, userIDs []string) (map[string]app.Guide, error)
}

// DefaultRecomputeDays is how many days back the nightly run recomputes
// when the configuration does not say (stats.recompute_days).
const DefaultRecomputeDays = 7

// Deps are what the capability is built from. RecomputeDays is the
// nightly run's reach (DefaultRecomputeDays when zero).
type Deps struct {
	Tx            app.Transactor
	Ledgers       Ledgers
	Aggregates    Aggregates
	Corps         Corps
	Guides        Guides
	RecomputeDays int
}

// Service computes and keeps the daily aggregates.
type Service struct {
	Deps
	// Clock tells the computing time (time.Now when nil): tests set a
	// day of their own.
	Clock func() time.Time
}

// New returns a Service on d.
func New(d Deps) *Service { return &Service{Deps: d} }

// now is the computing time, UTC to the millisecond as stored.
func (s *Service) now() time.Time {
	if s.Clock != nil {
		return s.Clock().UTC().Truncate(time.Millisecond)
	}
	return time.Now().UTC().Truncate(time.Millisecond)
}

func (s *Service) recomputeDays() int {
	if s.RecomputeDays > 0 {
		return s.RecomputeDays
	}
	return DefaultRecomputeDays
}
