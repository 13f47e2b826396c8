package wecom

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// pipeline is what every call goes through: the rate limiter, then the
// call, counted; retried with backoff when transient; its final error
// mapped to a domain error.
type pipeline struct {
	scope   string // the corp id or mini-program app id the limits apply to
	limiter *limiter
	retry   retrier
	counter CallCounter
}

func newPipeline(rdb redis.UniversalClient, scope string, o options) pipeline {
	return pipeline{
		scope:   scope,
		limiter: newLimiter(rdb, o.limits, o.sleep),
		retry:   retrier{policy: o.backoff, sleep: o.sleep},
		counter: o.counter,
	}
}

// run calls try until it succeeds or fails for good. Calls that create
// something pass safe=false and are retried only when WeCom surely did
// not act (see notExecuted).
func (p pipeline) run(ctx context.Context, api string, safe bool, try func(context.Context) error) error {
	retry := transient
	if !safe {
		retry = notExecuted
	}
	return mapError(api, p.retry.do(ctx, retry, try))
}

// once waits for a rate-limit slot, then makes one call and counts it.
func (p pipeline) once(ctx context.Context, api string, call func() error) error {
	if err := p.limiter.wait(ctx, p.scope, api); err != nil {
		return err
	}
	err := call()
	p.counter.CountCall(api, outcome(err))
	return err
}
