package wecom

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/siyu-scrm/siyu/app"
)

// Corps finds a corp with its credentials (app/db's CorpStore).
type Corps interface {
	FindCorpByID(ctx context.Context, id int64) (*app.Corp, error)
}

// Registry is the one registry of corps' WeCom clients every capability
// uses. It builds one client per corp and secret on first use and keeps it:
// a client holds the corp's token and rate-limit state, shared through
// Redis with every other process. Every clientRecheck it looks at the
// corp again and builds a new client if its credentials changed (`siyu
// corp update`), so running workers pick up a rotated secret.
type Registry struct {
	corps Corps
	rdb   redis.UniversalClient
	opts  []Option
	mu    sync.Mutex
	cache map[clientKey]cachedClient
}

// clientKey names one corp's client for one of its secrets.
type clientKey struct {
	corpID int64
	app    bool // the self-built app's secret, not the customer-contact one
}

type cachedClient struct {
	client  *Client
	updated time.Time // the corp row's UpdatedAt it was built from
	checked time.Time
}

// clientRecheck bounds how long a rotated secret goes unnoticed.
const clientRecheck = 5 * time.Minute

// NewRegistry returns a registry reading credentials from corps; opts
// apply to every client it builds.
func NewRegistry(corps Corps, rdb redis.UniversalClient, opts ...Option) *Registry {
	return &Registry{corps: corps, rdb: rdb, opts: opts, cache: map[clientKey]cachedClient{}}
}

// ContactClient returns the customer-contact client of corpID.
func (r *Registry) ContactClient(ctx context.Context, corpID int64) (*Client, error) {
	return r.client(ctx, clientKey{corpID: corpID})
}

// AppClient returns the client of corpID's self-built app secret, whose
// token the side panel's OAuth and JS-SDK tickets need.
func (r *Registry) AppClient(ctx context.Context, corpID int64) (*Client, error) {
	return r.client(ctx, clientKey{corpID: corpID, app: true})
}

func (r *Registry) client(ctx context.Context, k clientKey) (*Client, error) {
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

func (r *Registry) build(corp *app.Corp, agent bool) (*Client, error) {
	secret, missing := corp.ContactSecret, "企业未配置客户联系 Secret"
	if agent {
		secret, missing = corp.AgentSecret, "企业未配置自建应用的 AgentId 与 Secret（侧边栏需要）"
		if corp.AgentID == "" {
			secret = ""
		}
	}
	client, err := NewClient(r.rdb, Corp{ID: corp.CorpID, Secret: secret, AgentID: corp.AgentID}, r.opts...)
	if err != nil {
		return nil, app.Wrap(app.EINVALID, err, missing)
	}
	return client, nil
}

// As narrows the registry to T, the interface a capability declares for
// what it asks of WeCom: one adapter shape for every capability.
func As[T any](r *Registry) Narrowed[T] {
	if _, ok := any((*Client)(nil)).(T); !ok {
		panic(fmt.Sprintf("wecom: *Client does not implement %T", (*T)(nil)))
	}
	return Narrowed[T]{r: r}
}

// Narrowed hands out a corp's customer-contact client as T.
type Narrowed[T any] struct{ r *Registry }

// Client returns corpID's customer-contact client as T.
func (n Narrowed[T]) Client(ctx context.Context, corpID int64) (T, error) {
	c, err := n.r.ContactClient(ctx, corpID)
	if err != nil {
		var zero T
		return zero, err
	}
	return any(c).(T), nil
}
