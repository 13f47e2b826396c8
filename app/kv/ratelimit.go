package kv

import (
	"context"
	"time"

	"github.com/go-redis/redis_rate/v10"

	"github.com/siyu-scrm/siyu/app"
)

// Limiter counts requests per key in Redis (GCRA, go-redis/redis_rate),
// so every instance shares one count.
type Limiter struct {
	rl     *redis_rate.Limiter
	prefix string
}

// NewLimiter returns a limiter on r whose keys start with prefix.
func NewLimiter(r *Redis, prefix string) *Limiter {
	return &Limiter{rl: redis_rate.NewLimiter(r.Client), prefix: prefix}
}

// Allow takes one request of key, which may make perMinute a minute with
// bursts of burst; rate-limited, with how long to
// wait, when the key has none left. A Redis that does not answer lets the
// request through: a limit is no reason to refuse every consumer.
func (l *Limiter) Allow(ctx context.Context, key string, perMinute, burst int) (time.Duration, error) {
	res, err := l.rl.Allow(ctx, l.prefix+key, redis_rate.Limit{Rate: perMinute, Burst: max(burst, 1), Period: time.Minute})
	if err != nil || res.Allowed > 0 {
		return 0, nil
	}
	return res.RetryAfter, app.Errorf(app.ERATELIMITED, "请求过于频繁，请稍后再试")
}
