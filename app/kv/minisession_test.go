package kv_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// A consumer's session saved by one instance is read by another until it
// expires; an unknown token is unauthorized, an expired one refused.
func TestMiniSessions(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		ctx := context.Background()
		a, b := kv.NewMiniSessions(r), kv.NewMiniSessions(r)
		want := app.MiniSession{CorpID: 7, AppID: 3, OpenID: "oA", UnionID: "uA", MemberID: 42, ExpiresAt: time.Now().Add(time.Minute).UTC().Round(0)}
		tok := testkit.RandomName("tok")
		require.NoError(t, a.SaveSession(ctx, tok, want))
		got, err := b.Session(ctx, tok)
		require.NoError(t, err)
		assert.Equal(t, want.MemberID, got.MemberID)
		assert.Equal(t, want.OpenID, got.OpenID)
		assert.True(t, want.ExpiresAt.Equal(got.ExpiresAt))

		_, err = b.Session(ctx, "no-such-token")
		assert.Equal(t, app.EUNAUTHORIZED, app.ErrorCode(err))
		want.ExpiresAt = time.Now().Add(-time.Second)
		assert.Equal(t, app.EUNAUTHORIZED, app.ErrorCode(a.SaveSession(ctx, tok+"x", want)), "an expired session is not kept")
		n, err := r.Client.Exists(ctx, "siyu:mini:session:"+tok).Result()
		require.NoError(t, err)
		assert.Zero(t, n, "Redis keeps the token's hash, never the token")
	})
}

// Two limiters on one Redis share one count per key: a burst of 3 at 60
// a minute lets 3 through together, then refuses with a wait; another key
// is untouched.
func TestLimiterShared(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		ctx := context.Background()
		prefix := testkit.RandomName("rl") + ":"
		a, b := kv.NewLimiter(r, prefix), kv.NewLimiter(r, prefix)
		allowed := 0
		var wait time.Duration
		for i := range 6 {
			l := []*kv.Limiter{a, b}[i%2]
			w, err := l.Allow(ctx, "ip:1", 60, 3)
			if err == nil {
				allowed++
			} else {
				assert.Equal(t, app.ERATELIMITED, app.ErrorCode(err))
				wait = w
			}
		}
		assert.Equal(t, 3, allowed)
		assert.Greater(t, wait, time.Duration(0))
		_, err := b.Allow(ctx, "ip:2", 60, 3)
		assert.NoError(t, err)
	})
}
