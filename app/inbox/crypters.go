package inbox

import (
	"context"
	"sync"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// crypterTTL is how long a receiver's callback credentials are reused
// before they are read again, so a rotated Token or EncodingAESKey is in
// force within this time. Without the cache, every callback would read
// the row and open its sealed secrets.
const crypterTTL = 30 * time.Second

// crypters caches each receiver (a corp, a 公众号) with its crypter,
// loaded by load. Unknown receivers are not cached: one registered a
// moment ago must be found on its first callback. While the database
// cannot be read, an expired entry is still used, so a database outage
// does not also stop signature checks (and with them the queue-only path
// that keeps callbacks durable).
type crypters[T any] struct {
	load func(ctx context.Context, id string) (T, *wecom.Crypter, error)
	mu   sync.Mutex
	byID map[string]cached[T]
}

type cached[T any] struct {
	v     T
	c     *wecom.Crypter
	until time.Time
}

func newCrypters[T any](load func(ctx context.Context, id string) (T, *wecom.Crypter, error)) *crypters[T] {
	return &crypters[T]{load: load, byID: map[string]cached[T]{}}
}

// get returns the receiver id and its crypter.
func (cs *crypters[T]) get(ctx context.Context, id string) (T, *wecom.Crypter, error) {
	cs.mu.Lock()
	hit, ok := cs.byID[id]
	cs.mu.Unlock()
	if ok && time.Now().Before(hit.until) {
		return hit.v, hit.c, nil
	}
	v, c, err := cs.load(ctx, id)
	switch code := app.ErrorCode(err); {
	case err == nil:
	case ok && code != app.ENOTFOUND:
		return hit.v, hit.c, nil
	case code == app.EINTERNAL:
		var zero T
		return zero, nil, app.Wrap(app.EUNAVAILABLE, err, "暂时无法接收，请稍后重试")
	default:
		var zero T
		return zero, nil, err
	}
	cs.mu.Lock()
	cs.byID[id] = cached[T]{v: v, c: c, until: time.Now().Add(crypterTTL)}
	cs.mu.Unlock()
	return v, c, nil
}

// corpCrypters loads a corp by WeCom corp id; one without callback
// credentials is not found.
func corpCrypters(corps Corps) *crypters[*app.Corp] {
	return newCrypters(func(ctx context.Context, corpID string) (*app.Corp, *wecom.Crypter, error) {
		corp, err := corps.FindCorpByCorpID(ctx, corpID)
		if err != nil {
			return nil, nil, err
		}
		c, err := wecom.NewCrypter(corp.CallbackToken, corp.EncodingAESKey, corp.CorpID)
		if err != nil {
			return nil, nil, app.Wrap(app.ENOTFOUND, err, "该企业未配置回调")
		}
		return corp, c, nil
	})
}
