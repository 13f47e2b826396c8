package main

import (
	"github.com/siyu-scrm/siyu/app/metrics"
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
