package wecom

import (
	"context"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/siyu-scrm/siyu/app"
)

// MiniApps finds a mini-program with its secret (app/db's MiniAppStore).
type MiniApps interface {
	FindMiniApp(ctx context.Context, corpID, id int64) (*app.MiniApp, error)
}

// MiniPrograms is the registry of mini-program clients, one per
// mini-program, built on first use and kept (a client holds its token and
// rate-limit state, shared through Redis). Every clientRecheck it reads
// the mini-program again and builds a new client if its secret changed.
type MiniPrograms struct {
	apps  MiniApps
	rdb   redis.UniversalClient
	opts  []Option
	mu    sync.Mutex
	cache map[int64]cachedMini
}

type cachedMini struct {
	client  *MiniProgram
	updated time.Time
	checked time.Time
}

// NewMiniPrograms returns a registry reading mini-programs from apps; opts
// apply to every client it builds.
func NewMiniPrograms(apps MiniApps, rdb redis.UniversalClient, opts ...Option) *MiniPrograms {
	return &MiniPrograms{apps: apps, rdb: rdb, opts: opts, cache: map[int64]cachedMini{}}
}

// Client returns the client of the corp's mini-program id.
func (r *MiniPrograms) Client(ctx context.Context, corpID, id int64) (*MiniProgram, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.cache[id]
	if ok && time.Since(c.checked) < clientRecheck {
		return c.client, nil
	}
	a, err := r.apps.FindMiniApp(ctx, corpID, id)
	if err != nil {
		return nil, err
	}
	if ok && a.UpdatedAt.Equal(c.updated) {
		c.checked = time.Now()
		r.cache[id] = c
		return c.client, nil
	}
	client, err := NewMiniProgram(r.rdb, a.AppID, a.AppSecret, r.opts...)
	if err != nil {
		return nil, app.Wrap(app.EINVALID, err, "小程序未配置 AppID 与 AppSecret")
	}
	r.cache[id] = cachedMini{client: client, updated: a.UpdatedAt, checked: time.Now()}
	return client, nil
}
