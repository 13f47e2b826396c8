package behavior

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Tick starts the corp's pull of today once its local hour reaches
// PullHour, unless today's pull finished. The schedule runs it every few
// minutes, so a pull missed at the hour (the process was down, the task
// was lost) starts at the next tick; the queue starts a day's pull once
// however many ticks and schedulers ask.
func (s *Service) Tick(ctx context.Context, corp *app.Corp) error {
	if corp.ContactSecret == "" {
		return nil // no 客户联系 secret, no statistics to read
	}
	now := s.now().In(app.ZoneNamed(corp.Timezone))
	if now.Hour() < s.opts.PullHour {
		return nil
	}
	day := now.Format(time.DateOnly)
	done, err := s.store.BehaviorPullFinished(ctx, corp.ID, day)
	if err != nil || done {
		return err
	}
	return s.queue.EnqueueBehaviorPull(ctx, corp.ID, day)
}
