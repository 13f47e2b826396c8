package main

import (
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/wecom"
)

// clientOptions turns the wecom.rate and wecom.retry settings into client
// options, with the call counters: this process's metrics and the log of
// failed calls in Redis that the console's 概览 reads.
func (w *wiring) clientOptions() []wecom.Option {
	r, b := w.cfg.WeCom.Rate, w.cfg.WeCom.Retry
	return []wecom.Option{
		wecom.WithLimits(wecom.Limits{PerMinute: r.PerMinute, PerHour: r.PerHour, Burst: r.Burst}),
		wecom.WithBackoff(wecom.Backoff{Attempts: b.Attempts, Base: b.Base, Max: b.Max}),
		wecom.WithMetrics(wecom.Counters{metrics.NewWeComCalls(w.metrics.Registry), kv.NewCallLog(w.redis)}),
	}
}
