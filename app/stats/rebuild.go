package stats

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// maxRebuildDays bounds one rebuild: ten years of days.
const maxRebuildDays = 3660

// Rebuild recomputes the corp's days from from to to (yyyy-mm-dd,
// inclusive, in the corp's zone), oldest first; progress, when set, hears
// after each day how many are done of how many. Days after today are
// refused: nothing has happened in them.
func (s *Service) Rebuild(ctx context.Context, corpID int64, from, to string, progress func(done, total int)) error {
	f, err := parseDay(from)
	if err != nil {
		return err
	}
	t, err := parseDay(to)
	if err != nil {
		return err
	}
	zone, err := s.Corps.CorpZone(ctx, corpID)
	if err != nil {
		return err
	}
	switch today := localDay(s.now(), app.ZoneNamed(zone)); {
	case t.Before(f):
		return app.Errorf(app.EINVALID, "结束日期 %s 早于开始日期 %s", to, from)
	case t.After(today):
		return app.Errorf(app.EINVALID, "结束日期 %s 晚于今天（%s）", to, today.Format("2006-01-02"))
	case t.Sub(f).Hours()/24 >= maxRebuildDays:
		return app.Errorf(app.EINVALID, "一次最多重算 %d 天", maxRebuildDays)
	}
	return s.compute(ctx, corpID, dayRange(f, t), progress)
}
