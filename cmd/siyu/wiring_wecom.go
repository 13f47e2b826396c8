package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/assign"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/directory"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/transfer"
	"github.com/siyu-scrm/siyu/tasks"
	"github.com/siyu-scrm/siyu/wecom"
)

// clientOptions turns the wecom.rate and wecom.retry settings into client
// options, with the call counter.
func (w *wiring) clientOptions() []wecom.Option {
	r, b := w.cfg.WeCom.Rate, w.cfg.WeCom.Retry
	return []wecom.Option{
		wecom.WithLimits(wecom.Limits{PerMinute: r.PerMinute, PerHour: r.PerHour, Burst: r.Burst}),
		wecom.WithBackoff(wecom.Backoff{Attempts: b.Attempts, Base: b.Base, Max: b.Max}),
		wecom.WithMetrics(metrics.NewWeComCalls(w.metrics.Registry)),
	}
}

// reconcileWith binds the reconcile task to the directory and the
// wecom.reconcile settings.
func reconcileWith(dir *directory.Service, c config.WeComReconcile) tasks.ReconcileFunc {
	p := directory.ReconcilePolicy{Every: c.Every, RetryAfter: c.RetryAfter, StallAfter: c.StallAfter}
	return func(ctx context.Context) ([]*app.SyncRun, error) {
		return dir.Reconcile(ctx, p, time.Now().UTC())
	}
}

// poolWith places every corp's pooled customers, one corp after another;
// a corp that fails does not stop the others.
func poolWith(corps *db.CorpStore, a *assign.Service) tasks.PoolFunc {
	return func(ctx context.Context) error {
		cs, err := corps.ListCorps(ctx)
		if err != nil {
			return err
		}
		var errs []error
		for _, c := range cs {
			if _, err := a.AssignPool(ctx, c.ID, time.Now().UTC()); err != nil {
				errs = append(errs, fmt.Errorf("corp %s: %w", c.CorpID, err))
			}
		}
		return errors.Join(errs...)
	}
}

// followWith advances every corp's running transfers, one corp after
// another; a corp that fails does not stop the others.
func followWith(corps *db.CorpStore, t *transfer.Service) tasks.TransferFollowFunc {
	return func(ctx context.Context) error {
		cs, err := corps.ListCorps(ctx)
		if err != nil {
			return err
		}
		var errs []error
		for _, c := range cs {
			if err := t.FollowTransfers(ctx, c.ID); err != nil {
				errs = append(errs, fmt.Errorf("corp %s: %w", c.CorpID, err))
			}
		}
		return errors.Join(errs...)
	}
}
