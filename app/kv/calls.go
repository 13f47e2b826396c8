package kv

import (
	"context"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// CallLog counts failed WeCom calls per minute in Redis, so the console
// shows the last hour's errors of every instance, not one process's.
// It satisfies wecom.CallCounter (with app/metrics' counter beside it)
// and app.CallLog.
type CallLog struct {
	r   redis.UniversalClient
	now func() time.Time
}

// callKeep is how long a minute's counts stay: the console reads an hour.
const callKeep = 2 * time.Hour

// NewCallLog returns a CallLog on r.
func NewCallLog(r *Redis) *CallLog { return &CallLog{r: r.Client, now: time.Now} }

func callKey(minute int64) string { return "siyu:wecom:errors:" + strconv.FormatInt(minute, 10) }

// CountCall adds a failed call to its minute; successes are not kept. A
// Redis that does not answer within a moment loses the count rather than
// slowing the WeCom call down.
func (l *CallLog) CountCall(api, outcome string) {
	if outcome == "ok" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	key := callKey(l.now().Unix() / 60)
	_, _ = l.r.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HIncrBy(ctx, key, outcome, 1)
		p.Expire(ctx, key, callKeep)
		return nil
	})
}

// CallErrors sums the failed calls of the last window by outcome.
func (l *CallLog) CallErrors(ctx context.Context, window time.Duration) (map[string]int64, error) {
	now := l.now().Unix() / 60
	minutes := int64(window / time.Minute)
	cmds := make([]*redis.MapStringStringCmd, 0, minutes)
	_, err := l.r.Pipelined(ctx, func(p redis.Pipeliner) error {
		for m := now - minutes + 1; m <= now; m++ {
			cmds = append(cmds, p.HGetAll(ctx, callKey(m)))
		}
		return nil
	})
	out := map[string]int64{}
	for _, c := range cmds {
		for outcome, v := range c.Val() {
			n, _ := strconv.ParseInt(v, 10, 64)
			out[outcome] += n
		}
	}
	return out, err
}
