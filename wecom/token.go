package wecom

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
	"golang.org/x/sync/singleflight"

	"github.com/siyu-scrm/siyu/app"
)

// Token-store timings: the fetch lock outlives one gettoken call (bounded
// by the HTTP timeout) so a second process never fetches alongside.
const (
	tokenLockTTL  = DefaultHTTPTimeout + 5*time.Second
	tokenPollStep = 50 * time.Millisecond
)

// tokenStore keeps one corp+secret's access token (or JS-SDK ticket) in
// Redis, shared by every process. A miss is fetched by one goroutine per
// process (singleflight) and one process per Redis (a short lock); the
// rest wait for its result.
type tokenStore struct {
	rdb     redis.UniversalClient
	fetcher func(ctx context.Context) (token string, ttl time.Duration, err error)
	key     string
	lockKey string
	flight  singleflight.Group
	sleep   sleeper
	cad     *redis.Script // compare-and-delete, for the token and the lock
}

func newTokenStore(rdb redis.UniversalClient, corpID, secret string, sleep sleeper) *tokenStore {
	return newSharedStore(rdb, "siyu:wecom:token:"+corpID+":"+secretTag(secret), sleep,
		func(ctx context.Context) (string, time.Duration, error) { return fetchToken(ctx, corpID, secret) })
}

// newSharedStore keeps the value fetcher gets at key: tokens, and JS-SDK
// tickets, which WeCom limits as tightly and which every process shares.
func newSharedStore(rdb redis.UniversalClient, key string, sleep sleeper,
	fetcher func(ctx context.Context) (string, time.Duration, error)) *tokenStore {
	return &tokenStore{rdb: rdb, key: key, lockKey: key + ":lock", sleep: sleep, cad: redis.NewScript(compareAndDeleteLua), fetcher: fetcher}
}

// secretTag names a secret in Redis keys without revealing it.
func secretTag(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:6])
}

// get returns the cached token or fetches one.
func (s *tokenStore) get(ctx context.Context) (string, error) {
	if tok, err := s.cached(ctx); tok != "" || err != nil {
		return tok, err
	}
	ch := s.flight.DoChan("fetch", func() (any, error) {
		// Detached: one caller giving up must not fail the others waiting.
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), tokenLockTTL)
		defer cancel()
		return s.fetchShared(fctx)
	})
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case r := <-ch:
		if r.Err != nil {
			return "", r.Err
		}
		return r.Val.(string), nil
	}
}

func (s *tokenStore) cached(ctx context.Context) (string, error) {
	tok, err := s.rdb.Get(ctx, s.key).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	if err != nil {
		return "", redisUnavailable("read token", err)
	}
	return tok, nil
}

// fetchShared fetches under the Redis lock, or waits for the process that
// holds it to store the token. A holder that dies leaves the lock to
// expire, and the next waiter takes over.
func (s *tokenStore) fetchShared(ctx context.Context) (string, error) {
	owner := randomOwner()
	for {
		ok, err := s.rdb.SetNX(ctx, s.lockKey, owner, tokenLockTTL).Result()
		if err != nil {
			return "", redisUnavailable("lock token", err)
		}
		if ok {
			defer s.unlock(owner)
			return s.fetchLocked(ctx)
		}
		if err := s.sleep(ctx, tokenPollStep); err != nil {
			return "", fmt.Errorf("wait for token: %w", err)
		}
		if tok, err := s.cached(ctx); tok != "" || err != nil {
			return tok, err
		}
	}
}

func (s *tokenStore) fetchLocked(ctx context.Context) (string, error) {
	if tok, err := s.cached(ctx); tok != "" || err != nil {
		return tok, err
	}
	tok, ttl, err := s.fetcher(ctx)
	if err != nil {
		return "", err
	}
	if err := s.rdb.Set(ctx, s.key, tok, ttl).Err(); err != nil {
		return "", redisUnavailable("store token", err)
	}
	return tok, nil
}

// invalidate drops bad from the cache unless another process has already
// replaced it, so a late 40014 never throws away a fresh token.
func (s *tokenStore) invalidate(ctx context.Context, bad string) error {
	err := s.cad.Run(ctx, s.rdb, []string{s.key}, bad).Err()
	if err != nil && !errors.Is(err, redis.Nil) {
		return redisUnavailable("invalidate token", err)
	}
	return nil
}

func (s *tokenStore) unlock(owner string) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	// Best effort: if Redis cannot be told, the lock's TTL frees it.
	_ = s.cad.Run(ctx, s.rdb, []string{s.lockKey}, owner).Err()
}

// compareAndDeleteLua deletes KEYS[1] only if it still holds ARGV[1].
const compareAndDeleteLua = `
if redis.call("GET", KEYS[1]) == ARGV[1] then
	return redis.call("DEL", KEYS[1])
end
return 0`

func randomOwner() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func redisUnavailable(what string, err error) error {
	return app.Wrap(app.EUNAVAILABLE, fmt.Errorf("wecom %s: %w", what, err), "缓存服务暂时不可用，请稍后再试")
}
