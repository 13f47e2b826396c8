package wecom

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// countingFetcher stands in for gettoken in the store's own tests; the
// end-to-end tests fetch from the sandbox.
type countingFetcher struct{ n atomic.Int32 }

func (f *countingFetcher) fetch(ctx context.Context) (string, time.Duration, error) {
	n := f.n.Add(1)
	time.Sleep(20 * time.Millisecond) // long enough for the others to pile up
	return fmt.Sprintf("token-%d", n), time.Hour, nil
}

func TestTokenStoreFetchesOnceAcrossProcesses(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		corp := testkit.RandomName("corp-") // the cluster is shared
		f := &countingFetcher{}
		stores := make([]*tokenStore, 3) // three processes sharing Redis
		for i := range stores {
			stores[i] = newTokenStore(r.Client, corp, "secret", sleepCtx)
			stores[i].fetcher = f.fetch
		}
		var wg sync.WaitGroup
		got := make([]string, 30)
		for i := range got {
			wg.Go(func() {
				tok, err := stores[i%3].get(context.Background())
				assert.NoError(t, err)
				got[i] = tok
			})
		}
		wg.Wait()
		assert.Equal(t, int32(1), f.n.Load(), "one gettoken for everyone")
		for _, tok := range got {
			assert.Equal(t, "token-1", tok)
		}
	})
}

func TestTokenStoreInvalidate(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		corp := testkit.RandomName("corp-") // the cluster is shared
		ctx := context.Background()
		f := &countingFetcher{}
		s := newTokenStore(r.Client, corp, "secret", sleepCtx)
		s.fetcher = f.fetch
		first, err := s.get(ctx)
		require.NoError(t, err)
		require.NoError(t, s.invalidate(ctx, first))
		second, err := s.get(ctx)
		require.NoError(t, err)
		assert.NotEqual(t, first, second, "refetched after invalidation")

		require.NoError(t, s.invalidate(ctx, first), "a late report about the old token")
		third, err := s.get(ctx)
		require.NoError(t, err)
		assert.Equal(t, second, third, "the fresh token survives")
		assert.Equal(t, int32(2), f.n.Load())
	})
}

func TestTokenStoreKeysBySecretAndTTL(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		corp := testkit.RandomName("corp-") // the cluster is shared
		ctx := context.Background()
		a := newTokenStore(r.Client, corp, "contact-secret", sleepCtx)
		b := newTokenStore(r.Client, corp, "app-secret", sleepCtx)
		assert.NotEqual(t, a.key, b.key, "each secret has its own token")
		assert.NotContains(t, a.key, "contact-secret", "no secret in Redis keys")
		a.fetcher = (&countingFetcher{}).fetch
		_, err := a.get(ctx)
		require.NoError(t, err)
		ttl, err := r.Client.TTL(ctx, a.key).Result()
		require.NoError(t, err)
		assert.InDelta(t, time.Hour.Seconds(), ttl.Seconds(), 2)
	})
}

func TestTokenTTL(t *testing.T) {
	tests := []struct {
		name      string
		expiresIn time.Duration
		want      time.Duration
	}{
		{"Standard", 7200 * time.Second, 6900 * time.Second},
		{"Short", 100 * time.Second, 90 * time.Second},
		{"Tiny", time.Second, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, tokenTTL(tt.expiresIn)) })
	}
}

func TestRedisCache(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		c := newRedisCache(r.Client)
		ticket := testkit.RandomName("ticket-") // the cluster is shared
		assert.Nil(t, c.Get(ticket))
		assert.False(t, c.IsExist(ticket))
		require.NoError(t, c.Set(ticket, "T1", time.Minute))
		assert.Equal(t, "T1", c.Get(ticket))
		assert.True(t, c.IsExist(ticket))
		require.NoError(t, c.Delete(ticket))
		assert.Nil(t, c.Get(ticket))
		require.NoError(t, c.Delete(ticket), "deleting a missing key is fine")
	})
}
