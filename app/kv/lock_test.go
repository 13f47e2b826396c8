package kv_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// TestLock lets one holder in at a time: counters raised by a read and a
// write under the lock add up exactly as the same raises made one after
// another, a waiter gives up when its context ends, and a holder whose
// lock expired cannot release the next holder's.
func TestLock(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		ctx := context.Background()
		key := testkit.RandomName("lock-")
		counter := testkit.RandomName("counter-")
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 5 {
					unlock, err := r.Lock(ctx, key, 10*time.Second)
					if !assert.NoError(t, err) {
						return
					}
					n, _ := r.Client.Get(ctx, counter).Int() // read, then write: lost updates without the lock
					assert.NoError(t, r.Client.Set(ctx, counter, n+1, time.Minute).Err())
					unlock()
				}
			}()
		}
		wg.Wait()
		got, err := r.Client.Get(ctx, counter).Int()
		require.NoError(t, err)
		assert.Equal(t, 8*5, got)

		unlock, err := r.Lock(ctx, key, 10*time.Second)
		require.NoError(t, err)
		short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()
		_, err = r.Lock(short, key, 10*time.Second)
		assert.ErrorIs(t, err, context.DeadlineExceeded, "held by another")
		unlock()

		stale, err := r.Lock(ctx, key+":ttl", 300*time.Millisecond)
		require.NoError(t, err)
		next, err := r.Lock(ctx, key+":ttl", time.Minute) // waits for the TTL
		require.NoError(t, err)
		stale()
		held, err := r.Client.Exists(ctx, "siyu:lock:"+key+":ttl").Result()
		require.NoError(t, err)
		assert.Equal(t, int64(1), held, "the expired holder's unlock leaves the next holder's lock")
		next()
		assert.Zero(t, r.Client.Exists(ctx, "siyu:lock:"+key+":ttl").Val(), "unlocked by its holder")
	})
}
