package wecom

import (
	"context"
	"fmt"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"

	"github.com/siyu-scrm/siyu/app"
)

// Limits caps calls per corp per API, across every Siyu process sharing
// the Redis. WeCom blocks a corp's API for a minute or an hour beyond
// 10,000 calls a minute or 150,000 an hour; the limiter (a GCRA in Redis)
// lets through at most PerMinute+Burst calls in any minute and
// PerHour+Burst in any hour.
type Limits struct {
	PerMinute int
	PerHour   int
	Burst     int // calls allowed back to back before the steady pace applies
}

// DefaultLimits stays about a third under WeCom's limits, leaving room for
// clock skew, other tools using the same corp, and our own mistakes.
func DefaultLimits() Limits {
	return Limits{PerMinute: 6000, PerHour: 100000, Burst: 300}
}

// Validate rejects limits that would block every call or exceed WeCom's.
func (l Limits) Validate() error {
	if l.PerMinute <= 0 || l.PerHour <= 0 || l.Burst <= 0 {
		return fmt.Errorf("wecom limits: per_minute, per_hour and burst must be positive")
	}
	if l.PerMinute+l.Burst > 10000 || l.PerHour+l.hourBurst() > 150000 {
		return fmt.Errorf("wecom limits: per_minute+burst must be ≤ 10000 and per_hour+per_minute ≤ 150000 (WeCom's own limits)")
	}
	return nil
}

// hourBurst is how much of the hour window may be used at once: a
// minute's allowance, within the hour's budget.
func (l Limits) hourBurst() int { return min(max(l.Burst, l.PerMinute), l.PerHour) }

// limiter makes calls wait for a slot rather than fail: a call that would
// exceed a window sleeps until the GCRA in Redis says it may go.
type limiter struct {
	rl     *redis_rate.Limiter
	limits Limits
	sleep  sleeper
}

func newLimiter(rdb redis.UniversalClient, limits Limits, sleep sleeper) *limiter {
	return &limiter{rl: redis_rate.NewLimiter(rdb), limits: limits, sleep: sleep}
}

// wait returns once scope (a corp or an app id) may call api, or when ctx
// ends.
func (l *limiter) wait(ctx context.Context, scope, api string) error {
	for {
		d, err := l.reserve(ctx, scope, api)
		if err != nil || d <= 0 {
			return err
		}
		if err := l.sleep(ctx, d); err != nil {
			return err
		}
	}
}

// reserve takes a slot in both windows, or says how long to wait. A slot
// taken in the minute window when the hour window refuses is simply lost,
// which errs on the safe side.
func (l *limiter) reserve(ctx context.Context, scope, api string) (time.Duration, error) {
	windows := []struct {
		name  string
		limit redis_rate.Limit
	}{
		{"m", redis_rate.Limit{Rate: l.limits.PerMinute, Burst: l.limits.Burst, Period: time.Minute}},
		// The hour window may be spent a minute's allowance at a time: a
		// GCRA lets burst + rate·T through in any T, so with burst =
		// PerMinute an hour still stays within PerHour + PerMinute (checked
		// against WeCom's 150,000 by Validate), while a small burst here
		// would pace every minute at PerHour/3600, a quarter of what WeCom
		// allows. It never exceeds the hour's own budget.
		{"h", redis_rate.Limit{Rate: l.limits.PerHour, Burst: l.limits.hourBurst(), Period: time.Hour}},
	}
	for _, w := range windows {
		res, err := l.rl.Allow(ctx, rateKey(scope, api, w.name), w.limit)
		if err != nil {
			return 0, app.Wrap(app.EUNAVAILABLE, fmt.Errorf("wecom rate limit %s: %w", api, err), "缓存服务暂时不可用，请稍后再试")
		}
		if res.Allowed == 0 {
			return res.RetryAfter, nil
		}
	}
	return 0, nil
}

func rateKey(scope, api, window string) string {
	return "siyu:wecom:rate:" + scope + ":" + api + ":" + window
}
