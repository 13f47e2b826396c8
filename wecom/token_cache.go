package wecom

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/silenceper/wechat/v2/cache"
)

// sdkCacheTimeout bounds the SDK's context-less cache calls.
const sdkCacheTimeout = 2 * time.Second

// redisCache is the cache.Cache the SDK insists on, over the go-redis v9
// client Siyu already has (the SDK's own adapter needs go-redis v8).
// Access tokens and JS-SDK tickets go through tokenStore instead, which
// takes a context and drops a stale value; this is only the SDK's own.
type redisCache struct {
	rdb    redis.UniversalClient
	prefix string
}

var _ cache.ContextCache = redisCache{}

func newRedisCache(rdb redis.UniversalClient) redisCache {
	return redisCache{rdb: rdb, prefix: "siyu:wecom:sdk:"}
}

// Get returns the string stored at key, or nil when absent or unreadable:
// the SDK then fetches afresh, which is the safe fallback.
func (c redisCache) Get(key string) any {
	return c.withTimeout(func(ctx context.Context) any { return c.GetContext(ctx, key) })
}

// Set stores val (a string, as the SDK's values are) for timeout.
func (c redisCache) Set(key string, val any, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), sdkCacheTimeout)
	defer cancel()
	return c.SetContext(ctx, key, val, timeout)
}

// IsExist reports whether key is present.
func (c redisCache) IsExist(key string) bool {
	return c.withTimeout(func(ctx context.Context) any { return c.IsExistContext(ctx, key) }).(bool)
}

// Delete removes key.
func (c redisCache) Delete(key string) error {
	ctx, cancel := context.WithTimeout(context.Background(), sdkCacheTimeout)
	defer cancel()
	return c.DeleteContext(ctx, key)
}

// GetContext is Get with the caller's context.
func (c redisCache) GetContext(ctx context.Context, key string) any {
	v, err := c.rdb.Get(ctx, c.prefix+key).Result()
	if err != nil {
		return nil
	}
	return v
}

// SetContext is Set with the caller's context.
func (c redisCache) SetContext(ctx context.Context, key string, val any, timeout time.Duration) error {
	return c.rdb.Set(ctx, c.prefix+key, val, timeout).Err()
}

// IsExistContext is IsExist with the caller's context.
func (c redisCache) IsExistContext(ctx context.Context, key string) bool {
	n, err := c.rdb.Exists(ctx, c.prefix+key).Result()
	return err == nil && n > 0
}

// DeleteContext is Delete with the caller's context.
func (c redisCache) DeleteContext(ctx context.Context, key string) error {
	err := c.rdb.Del(ctx, c.prefix+key).Err()
	if errors.Is(err, redis.Nil) {
		return nil
	}
	return err
}

func (c redisCache) withTimeout(fn func(ctx context.Context) any) any {
	ctx, cancel := context.WithTimeout(context.Background(), sdkCacheTimeout)
	defer cancel()
	return fn(ctx)
}
