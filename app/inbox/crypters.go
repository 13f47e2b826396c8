package inbox

import (
	"context"
	"sync"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// crypterTTL is how long a corp's callback credentials are reused before
// they are read again, so a rotated Token or EncodingAESKey is in force
// within this time. Without the cache, every callback would read the corp
// row and open its sealed secrets.
const crypterTTL = 30 * time.Second

// crypters caches each corp with its crypter. Unknown corps are not cached:
// a corp registered a moment ago must be found on its first callback. While
// the database cannot be read, an expired entry is still used, so a
// database outage does not also stop signature checks (and with them the
// queue-only path that keeps callbacks durable).
type crypters struct {
	corps Corps
	mu    sync.Mutex
	byID  map[string]cachedCorp
}

type cachedCorp struct {
	corp  *app.Corp
	c     *wecom.Crypter
	until time.Time
}

func newCrypters(corps Corps) *crypters {
	return &crypters{corps: corps, byID: map[string]cachedCorp{}}
}

// get returns the corp with WeCom corp id corpID and its crypter; an
// unknown corp, or one without callback credentials, is not found.
func (cs *crypters) get(ctx context.Context, corpID string) (*app.Corp, *wecom.Crypter, error) {
	cs.mu.Lock()
	hit, ok := cs.byID[corpID]
	cs.mu.Unlock()
	if ok && time.Now().Before(hit.until) {
		return hit.corp, hit.c, nil
	}
	corp, err := cs.corps.FindCorpByCorpID(ctx, corpID)
	switch code := app.ErrorCode(err); {
	case err == nil:
	case ok && code != app.ENOTFOUND:
		return hit.corp, hit.c, nil
	case code == app.EINTERNAL:
		return nil, nil, app.Wrap(app.EUNAVAILABLE, err, "暂时无法接收，请稍后重试")
	default:
		return nil, nil, err
	}
	c, err := wecom.NewCrypter(corp.CallbackToken, corp.EncodingAESKey, corp.CorpID)
	if err != nil {
		return nil, nil, app.Wrap(app.ENOTFOUND, err, "该企业未配置回调")
	}
	cs.mu.Lock()
	cs.byID[corpID] = cachedCorp{corp: corp, c: c, until: time.Now().Add(crypterTTL)}
	cs.mu.Unlock()
	return corp, c, nil
}
