package wecom

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/siyu-scrm/siyu/app"
)

// OAApps finds a 公众号 with its credentials (app/db's WeChatStore).
type OAApps interface {
	FindWeChatApp(ctx context.Context, corpID, id int64) (*app.WeChatApp, error)
}

// OfficialAccounts is the registry of 公众号 clients, one per account,
// built on first use and kept (a client holds the account's token and
// rate-limit state, shared through Redis). Every clientRecheck it reads
// the account again and builds a new client if its credentials changed.
type OfficialAccounts struct {
	apps  OAApps
	rdb   redis.UniversalClient
	opts  []Option
	mu    sync.Mutex
	cache map[int64]cachedOA
}

type cachedOA struct {
	client  *OfficialAccount
	updated time.Time
	checked time.Time
}

// NewOfficialAccounts returns a registry reading accounts from apps; opts
// apply to every client it builds.
func NewOfficialAccounts(apps OAApps, rdb redis.UniversalClient, opts ...Option) *OfficialAccounts {
	return &OfficialAccounts{apps: apps, rdb: rdb, opts: opts, cache: map[int64]cachedOA{}}
}

// Client returns the client of the corp's 公众号 id.
func (r *OfficialAccounts) Client(ctx context.Context, corpID, id int64) (*OfficialAccount, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.cache[id]
	if ok && time.Since(c.checked) < clientRecheck {
		return c.client, nil
	}
	a, err := r.apps.FindWeChatApp(ctx, corpID, id)
	if err != nil {
		return nil, err
	}
	if ok && a.UpdatedAt.Equal(c.updated) {
		c.checked = time.Now()
		r.cache[id] = c
		return c.client, nil
	}
	client, err := NewOfficialAccount(r.rdb, a.AppID, a.AppSecret, r.opts...)
	if err != nil {
		return nil, app.Wrap(app.EINVALID, err, "公众号未配置 AppID 与 AppSecret")
	}
	r.cache[id] = cachedOA{client: client, updated: a.UpdatedAt, checked: time.Now()}
	return client, nil
}

// OAAs narrows the registry to T, the interface a capability declares for
// what it asks of a 公众号.
func OAAs[T any](r *OfficialAccounts) OANarrowed[T] {
	if _, ok := any((*OfficialAccount)(nil)).(T); !ok {
		panic(fmt.Sprintf("wecom: *OfficialAccount does not implement %T", (*T)(nil)))
	}
	return OANarrowed[T]{r: r}
}

// OANarrowed hands out a 公众号's client as T.
type OANarrowed[T any] struct{ r *OfficialAccounts }

// Client returns the client of the corp's 公众号 id as T.
func (n OANarrowed[T]) Client(ctx context.Context, corpID, id int64) (T, error) {
	c, err := n.r.Client(ctx, corpID, id)
	if err != nil {
		var zero T
		return zero, err
	}
	return any(c).(T), nil
}
