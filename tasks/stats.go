package tasks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hibiken/asynq"

	"github.com/siyu-scrm/siyu/app"
)

// TypeStatsTick asks the daily aggregates (app/stats) which recomputes
// are due, and queues one task per corp and run: each corp's today and
// yesterday every tick, its nightly run once a night.
const TypeStatsTick = "stats:tick"

// TypeStatsDays recomputes some days of one corp's aggregates.
const TypeStatsDays = "stats:days"

// statsTickEvery is the tick's period: a dashboard is at most this
// stale.
const statsTickEvery = 15 // ticks (minutes in production)

// StatsDaysPayload names a corp's days to recompute; Night is set for a
// nightly run (the corp's local date).
type StatsDaysPayload struct {
	CorpID int64    `json:"corp_id"`
	Days   []string `json:"days"`
	Night  string   `json:"night,omitempty"`
}

// Stats decides and runs the recomputes (app/stats).
type Stats interface {
	Due(ctx context.Context, now time.Time) ([]app.StatsRun, error)
	Compute(ctx context.Context, corpID int64, days []string) error
}

// NewStatsTickTask builds the periodic tick.
func NewStatsTickTask() *asynq.Task { return asynq.NewTask(TypeStatsTick, nil) }

// EnqueueStatsRun queues r. A night's run is named by corp and night and
// kept two days after it ran, so the ticks after 03:40 queue it once
// whatever the number of schedulers; the recent days are unique while one
// for the same days is waiting or running, so a slow corp's ticks do not
// pile up.
func (q *Enqueuer) EnqueueStatsRun(ctx context.Context, r app.StatsRun) error {
	b, err := json.Marshal(StatsDaysPayload{CorpID: r.CorpID, Days: r.Days, Night: r.Night})
	if err != nil {
		return err
	}
	opts := []asynq.Option{asynq.Queue(QueueLow), asynq.Timeout(time.Hour)}
	if r.Night != "" {
		opts = append(opts, asynq.TaskID(fmt.Sprintf("stats:night:%d:%s", r.CorpID, r.Night)),
			asynq.Retention(48*time.Hour), asynq.MaxRetry(5))
	} else {
		opts = append(opts, asynq.Unique(30*time.Minute), asynq.MaxRetry(1))
	}
	_, err = q.client.EnqueueContext(ctx, asynq.NewTask(TypeStatsDays, b, opts...))
	if errors.Is(err, asynq.ErrTaskIDConflict) || errors.Is(err, asynq.ErrDuplicateTask) {
		return nil
	}
	return err
}

// handleStatsTick queues the runs due; a corp whose run cannot be queued
// does not stop the others.
func handleStatsTick(stats Stats, q *Enqueuer) asynq.HandlerFunc {
	return func(ctx context.Context, _ *asynq.Task) error {
		if stats == nil {
			return nil
		}
		runs, err := stats.Due(ctx, time.Now().UTC())
		if err != nil {
			return err
		}
		var errs []error
		for _, r := range runs {
			errs = append(errs, q.EnqueueStatsRun(ctx, r))
		}
		return errors.Join(errs...)
	}
}

func handleStatsDays(stats Stats) asynq.HandlerFunc {
	return func(ctx context.Context, t *asynq.Task) error {
		var p StatsDaysPayload
		if err := json.Unmarshal(t.Payload(), &p); err != nil {
			return DecodeError(t, err)
		}
		if stats == nil {
			return nil
		}
		return stats.Compute(ctx, p.CorpID, p.Days)
	}
}
