package remind

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// ListReminders returns a page of the corp's reminder batches, newest
// first, and how many tasks wait for one.
func (s *Service) ListReminders(ctx context.Context, corpID int64, f app.ReminderFilter) (*app.ReminderPage, error) {
	corp, err := s.Corps.FindCorpByID(ctx, corpID)
	if err != nil {
		return nil, err
	}
	list, next, err := s.Store.ListBatches(ctx, corpID, f)
	if err != nil {
		return nil, err
	}
	waiting, err := s.Store.CountUnreminded(ctx, corpID, app.RemindKinds, endOfToday(s.Now(), app.ZoneNamed(corp.Timezone)))
	if err != nil {
		return nil, err
	}
	return &app.ReminderPage{Batches: list, Next: next, Waiting: waiting}, nil
}
