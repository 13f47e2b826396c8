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
	cache map[int64]cachedClient
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
	return &CorpClients{corps: corps, rdb: rdb, opts: opts, cache: map[int64]cachedClient{}}
}

// Client returns the customer-contact client of corpID.
func (r *CorpClients) Client(ctx context.Context, corpID int64) (WeCom, error) {
	return r.ContactClient(ctx, corpID)
}

// ContactClient is Client with its concrete type, for callers needing more
// than the directory reads.
func (r *CorpClients) ContactClient(ctx context.Context, corpID int64) (*wecom.Client, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.cache[corpID]
	if ok && time.Since(c.checked) < clientRecheck {
		return c.client, nil
	}
	corp, err := r.corps.FindCorpByID(ctx, corpID)
	if err != nil {
		return nil, err
	}
	if ok && corp.UpdatedAt.Equal(c.updated) {
		c.checked = time.Now()
		r.cache[corpID] = c
		return c.client, nil
	}
	client, err := wecom.NewClient(r.rdb, wecom.Corp{ID: corp.CorpID, Secret: corp.ContactSecret, AgentID: corp.AgentID}, r.opts...)
	if err != nil {
		return nil, app.Wrap(app.EINVALID, err, "企业未配置客户联系 Secret")
	}
	r.cache[corpID] = cachedClient{client: client, updated: corp.UpdatedAt, checked: time.Now()}
	return client, nil
}
