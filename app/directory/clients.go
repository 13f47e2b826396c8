package directory

import (
	"context"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// CorpClients builds one WeCom client per corp on first use and keeps it:
// a client holds the corp's token and rate-limit state, shared through
// Redis with every other process. Every clientRecheck it looks at the
// corp again and builds a new client if its credentials changed (`siyu
// corp update`), so running workers pick up a rotated secret.
type CorpClients struct {
	corps app.CorpService
	rdb   redis.UniversalClient
	opts  []wecom.Option
	mu    sync.Mutex
	cache map[clientKey]cachedClient
}

// clientKey names one corp's client for one of its secrets.
type clientKey struct {
	corpID int64
	app    bool // the self-built app's secret, not the customer-contact one
}

type cachedClient struct {
	client  *wecom.Client
	updated time.Time // the corp row's UpdatedAt it was built from
	checked time.Time
}

// clientRecheck bounds how long a rotated secret goes unnoticed.
const clientRecheck = 5 * time.Minute

// NewCorpClients returns a registry reading credentials from corps.
func NewCorpClients(corps app.CorpService, rdb redis.UniversalClient, opts ...wecom.Option) *CorpClients {
	return &CorpClients{corps: corps, rdb: rdb, opts: opts, cache: map[clientKey]cachedClient{}}
}

// Client returns the customer-contact client of corpID.
func (r *CorpClients) Client(ctx context.Context, corpID int64) (WeCom, error) {
	return r.ContactClient(ctx, corpID)
}

// ContactClient is Client with its concrete type, for callers needing more
// than the directory reads.
func (r *CorpClients) ContactClient(ctx context.Context, corpID int64) (*wecom.Client, error) {
	return r.client(ctx, clientKey{corpID: corpID})
}

// AppClient returns the client of corpID's self-built app secret, whose
// token the side panel's OAuth and JS-SDK tickets need.
func (r *CorpClients) AppClient(ctx context.Context, corpID int64) (*wecom.Client, error) {
	return r.client(ctx, clientKey{corpID: corpID, app: true})
}

func (r *CorpClients) client(ctx context.Context, k clientKey) (*wecom.Client, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.cache[k]
	if ok && time.Since(c.checked) < clientRecheck {
		return c.client, nil
	}
	corp, err := r.corps.FindCorpByID(ctx, k.corpID)
	if err != nil {
		return nil, err
	}
	if ok && corp.UpdatedAt.Equal(c.updated) {
		c.checked = time.Now()
		r.cache[k] = c
		return c.client, nil
	}
	client, err := r.build(corp, k.app)
	if err != nil {
		return nil, err
	}
	r.cache[k] = cachedClient{client: client, updated: corp.UpdatedAt, checked: time.Now()}
	return client, nil
}

func (r *CorpClients) build(corp *app.Corp, agent bool) (*wecom.Client, error) {
	secret, missing := corp.ContactSecret, "企业未配置客户联系 Secret"
	if agent {
		secret, missing = corp.AgentSecret, "企业未配置自建应用的 AgentId 与 Secret（侧边栏需要）"
		if corp.AgentID == "" {
			secret = ""
		}
	}
	client, err := wecom.NewClient(r.rdb, wecom.Corp{ID: corp.CorpID, Secret: secret, AgentID: corp.AgentID}, r.opts...)
	if err != nil {
		return nil, app.Wrap(app.EINVALID, err, missing)
	}
	return client, nil
}
