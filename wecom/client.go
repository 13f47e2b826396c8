package wecom

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
	"github.com/silenceper/wechat/v2/work"
	workconfig "github.com/silenceper/wechat/v2/work/config"
	workctx "github.com/silenceper/wechat/v2/work/context"
	"github.com/silenceper/wechat/v2/work/externalcontact"
)

// Corp is one WeCom app credential: the corp and the secret whose token is
// used (the customer-contact secret for the customer APIs).
type Corp struct {
	ID      string
	Secret  string
	AgentID string // the self-built app's agent id (side panel, JS-SDK)
}

// Client calls WeCom for one corp and secret. Every call waits for its
// rate-limit slot, carries a token shared through Redis (refetched once
// when WeCom calls it stale), and is retried with backoff when WeCom is
// busy or unreachable. It is safe for concurrent use; build one per corp
// and keep it. Install must have been called first.
type Client struct {
	corp    Corp
	pipe    pipeline
	tokens  *tokenStore
	tickets map[string]*tokenStore // JS-SDK tickets by kind
	work    *work.Work
}

// NewClient returns the client for corp, keeping its token and rate-limit
// state in rdb.
func NewClient(rdb redis.UniversalClient, corp Corp, opts ...Option) (*Client, error) {
	if corp.ID == "" || corp.Secret == "" {
		return nil, fmt.Errorf("wecom client: corp id and secret are required")
	}
	o := newOptions(opts)
	if err := o.limits.Validate(); err != nil {
		return nil, err
	}
	cfg := &workconfig.Config{CorpID: corp.ID, CorpSecret: corp.Secret, AgentID: corp.AgentID, Cache: newRedisCache(rdb)}
	c := &Client{
		corp:   corp,
		pipe:   newPipeline(rdb, corp.ID, o),
		tokens: newTokenStore(rdb, corp.ID, corp.Secret, o.sleep),
		work:   work.NewWork(cfg),
	}
	c.tickets = c.newTicketStores(rdb, o.sleep)
	return c, nil
}

// CorpID is the corp this client calls for.
func (c *Client) CorpID() string { return c.corp.ID }

// call runs fn through the pipeline. A stale token (40014, 42001) is
// dropped and fn tried again at once with a fresh one; a second stale
// answer is returned as it is.
func (c *Client) call(ctx context.Context, api string, safe bool, fn func(*session) error) error {
	return c.pipe.run(ctx, api, safe, func(ctx context.Context) error {
		s := c.session(ctx)
		err := c.pipe.once(ctx, api, func() error { return fn(s) })
		if !isStaleToken(err) || s.token == "" {
			return err
		}
		if err := c.tokens.invalidate(ctx, s.token); err != nil {
			return err
		}
		s = c.session(ctx)
		return c.pipe.once(ctx, api, func() error { return fn(s) })
	})
}

// session is one try's view of the SDK: its token handle is bound to the
// caller's context and remembers the token it handed out, so a stale one
// can be invalidated precisely. The SDK's work context takes the handle
// in place of its default, which never invalidates.
type session struct {
	ctx    context.Context
	tokens *tokenStore
	token  string
	ext    *externalcontact.Client
}

func (c *Client) session(ctx context.Context) *session {
	s := &session{ctx: ctx, tokens: c.tokens}
	s.ext = externalcontact.NewClient(&workctx.Context{Config: c.work.GetContext().Config, AccessTokenHandle: s})
	return s
}

// GetAccessToken hands the SDK the shared token.
func (s *session) GetAccessToken() (string, error) {
	tok, err := s.tokens.get(s.ctx)
	s.token = tok
	return tok, err
}
