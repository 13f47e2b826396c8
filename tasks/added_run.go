package tasks

import (
	"context"
	"log/slog"

	"github.com/hibiken/asynq"

	"github.com/siyu-scrm/siyu/app"
)

// onboarding runs the adds of customer:added tasks. Its slots bound how
// many are onboarded at once across every task: each holds a database
// connection while it waits its turn at the corp's decision lock.
type onboarding struct {
	o     Onboarder
	q     *Enqueuer
	log   *slog.Logger
	slots slots
}

func handleCustomerAdded(o Onboarder, q *Enqueuer, log *slog.Logger, concurrency int) asynq.HandlerFunc {
	r := &onboarding{o: o, q: q, log: log, slots: newSlots(concurrency, DefaultCriticalConcurrency)}
	return func(ctx context.Context, t *asynq.Task) error {
		adds, err := decodeBatch[app.CustomerAdd](t)
		if err != nil {
			return err
		}
		return r.run(ctx, adds)
	}
}

// run onboards the adds of a batch side by side and then queues, as one
// task, the detail reads of those whose greeting did not read them
// already: reading twice would spend WeCom's per-minute allowance on
// nothing.
func (r *onboarding) run(ctx context.Context, adds []app.CustomerAdd) error {
	unread := make([]bool, len(adds))
	err := eachApart(ctx, r.log, "onboarding an add", adds, func(i int, a app.CustomerAdd) error {
		read, err := r.onboard(ctx, a)
		unread[i] = err == nil && !read
		return err
	}, func(a app.CustomerAdd) error { return r.q.EnqueueAdded(ctx, []app.CustomerAdd{a}) })
	if err != nil {
		return err
	}
	var reads []RefreshPayload
	for i, a := range adds {
		if unread[i] {
			reads = append(reads, RefreshPayload{CorpID: a.CorpID, ExternalUserID: a.ExternalUserID, Key: a.EventKey, At: a.At})
		}
	}
	return r.q.EnqueueCustomerRefreshes(ctx, reads)
}

// onboard decides a's owner and greets them when assignment is wired.
func (r *onboarding) onboard(ctx context.Context, a app.CustomerAdd) (read bool, err error) {
	if r.o == nil {
		return false, nil
	}
	err = r.slots.hold(ctx, func() error {
		read, err = r.o.OnboardAdd(ctx, a)
		return err
	})
	return read, err
}
