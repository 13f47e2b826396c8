package stats

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// nightlyAt is when, in the corp's zone, the nightly recompute comes due:
// the stores long closed, and after RFM's nightly pass (03:30).
const nightlyAt = 3*time.Hour + 40*time.Minute

// Due returns the recomputes due at now, for every corp: its today and
// yesterday (each tick), and once its local time is past 03:40, that
// night's run over the last RecomputeDays days up to yesterday. The
// schedule queues a night's run once per corp (Night names it), so a tick
// late or a worker down at 03:40 delays it, never repeats or loses it.
func (s *Service) Due(ctx context.Context, now time.Time) ([]app.StatsRun, error) {
	cs, err := s.Corps.ListCorps(ctx)
	if err != nil {
		return nil, err
	}
	var runs []app.StatsRun
	for _, c := range cs {
		loc := app.ZoneNamed(c.Timezone)
		today := localDay(now, loc)
		yesterday := today.AddDate(0, 0, -1)
		runs = append(runs, app.StatsRun{CorpID: c.ID, Days: dayRange(yesterday, today)})
		if now.In(loc).Sub(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, loc)) >= nightlyAt {
			from := today.AddDate(0, 0, -s.recomputeDays())
			runs = append(runs, app.StatsRun{CorpID: c.ID, Days: dayRange(from, yesterday), Night: today.Format(time.DateOnly)})
		}
	}
	return runs, nil
}
