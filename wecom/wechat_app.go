package wecom

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// wechatApp is one WeChat app (a 公众号 or a mini-program) as its API
// calls need it: the pipeline (rate limit, retries) and an access token
// shared through Redis by every process, with the error wording of its
// kind of app.
type wechatApp struct {
	appID  string
	pipe   pipeline
	tokens *tokenStore
	// mapErr words a failure for the app's kind: WeChat reuses numbers
	// WeCom gives other meanings.
	mapErr func(api string, err error) error
}

func newWeChatApp(rdb redis.UniversalClient, appID, secret string, o options, mapErr func(string, error) error) wechatApp {
	tokens := newSharedStore(rdb, "siyu:wechat:token:"+appID+":"+secretTag(secret), o.sleep,
		func(ctx context.Context) (string, time.Duration, error) { return fetchOAToken(ctx, appID, secret) })
	return wechatApp{appID: appID, pipe: newPipeline(rdb, appID, o), tokens: tokens, mapErr: mapErr}
}

// call runs fn with the app's token through the pipeline. A token
// WeChat calls stale (40001, 40014, 42001) is dropped and fn tried once
// more with a fresh one.
func (a *wechatApp) call(ctx context.Context, api string, safe bool, fn func(token string) error) error {
	return a.pipe.run(ctx, api, safe, func(ctx context.Context) error {
		tok, err := a.tokens.get(ctx)
		if err != nil {
			return a.mapErr(api, err)
		}
		err = a.pipe.once(ctx, api, func() error { return fn(tok) })
		if !oaStaleToken(err) {
			return a.mapErr(api, err)
		}
		if err := a.tokens.invalidate(ctx, tok); err != nil {
			return err
		}
		if tok, err = a.tokens.get(ctx); err != nil {
			return a.mapErr(api, err)
		}
		return a.mapErr(api, a.pipe.once(ctx, api, func() error { return fn(tok) }))
	})
}
