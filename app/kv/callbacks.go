package kv

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/siyu-scrm/siyu/app"
)

// CallbackLog remembers, per corp, when WeCom's callbacks last arrived —
// verified, as events, or refused — so the console's connectivity check
// can tell whether the receive URL works. It is shared by every instance
// through Redis; each instance writes a corp's sighting at most once per
// callbackEvery, so a burst of callbacks costs one write.
type CallbackLog struct {
	r     redis.UniversalClient
	now   func() time.Time
	mu    sync.Mutex
	wrote map[string]time.Time // corp and kind → last write by this process
}

// callbackEvery bounds how stale a sighting may be: a check reads "a
// minute ago" at worst.
const callbackEvery = time.Minute

// NewCallbackLog returns a CallbackLog on r.
func NewCallbackLog(r *Redis) *CallbackLog {
	return &CallbackLog{r: r.Client, now: time.Now, wrote: map[string]time.Time{}}
}

func callbackKey(corpID int64) string { return "siyu:wecom:callbacks:" + strconv.FormatInt(corpID, 10) }

// CallbackSeen records a callback of kind (app.CallbackVerified…) for
// corpID. It never fails the callback: a Redis that does not answer
// within a moment loses the sighting, which the next callback repeats.
func (l *CallbackLog) CallbackSeen(corpID int64, kind string) {
	now := l.now()
	if !l.due(corpID, kind, now) {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	key := callbackKey(corpID)
	_, _ = l.r.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, key, kind, now.Unix())
		p.Expire(ctx, key, app.CallbackMemory)
		return nil
	})
}

// due reports whether this process should write the sighting now.
func (l *CallbackLog) due(corpID int64, kind string, now time.Time) bool {
	k := strconv.FormatInt(corpID, 10) + ":" + kind
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.wrote[k]) < callbackEvery {
		return false
	}
	l.wrote[k] = now
	return true
}

// CallbacksSeen returns when corpID's callbacks last arrived, by kind.
func (l *CallbackLog) CallbacksSeen(ctx context.Context, corpID int64) (app.CallbacksSeen, error) {
	m, err := l.r.HGetAll(ctx, callbackKey(corpID)).Result()
	if err != nil {
		return app.CallbacksSeen{}, app.Wrap(app.EUNAVAILABLE, err, "缓存服务暂时不可用，无法读取回调记录")
	}
	at := func(kind string) time.Time {
		sec, err := strconv.ParseInt(m[kind], 10, 64)
		if err != nil || sec == 0 {
			return time.Time{}
		}
		return time.Unix(sec, 0).UTC()
	}
	return app.CallbacksSeen{Verified: at(app.CallbackVerified), Event: at(app.CallbackEvent), Refused: at(app.CallbackRefused)}, nil
}
