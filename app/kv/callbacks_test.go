package kv_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// TestCallbackLog remembers each corp's last callback by kind across
// instances, writes a corp's kind at most once a minute per instance, and
// forgets a corp after CallbackMemory.
func TestCallbackLog(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		ctx := context.Background()
		now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
		a, b := kv.NewCallbackLog(r), kv.NewCallbackLog(r)
		corpA, corpB := time.Now().UnixNano(), time.Now().UnixNano()+1 // corps of this run's own
		a.SetClock(func() time.Time { return now })
		b.SetClock(func() time.Time { return now })

		none, err := a.CallbacksSeen(ctx, corpA)
		require.NoError(t, err)
		assert.Equal(t, app.CallbacksSeen{}, none, "never seen")

		a.CallbackSeen(corpA, app.CallbackVerified)
		now = now.Add(10 * time.Second)
		a.CallbackSeen(corpA, app.CallbackEvent)
		b.CallbackSeen(corpB, app.CallbackRefused)
		first := now
		now = now.Add(30 * time.Second)
		a.CallbackSeen(corpA, app.CallbackEvent) // within the minute: not written again
		got, err := b.CallbacksSeen(ctx, corpA)
		require.NoError(t, err)
		assert.Equal(t, app.CallbacksSeen{Verified: first.Add(-10 * time.Second), Event: first}, got, "read by another instance")
		now = now.Add(time.Minute)
		a.CallbackSeen(corpA, app.CallbackEvent)
		got, err = b.CallbacksSeen(ctx, corpA)
		require.NoError(t, err)
		assert.Equal(t, now, got.Event)
		other, err := a.CallbacksSeen(ctx, corpB)
		require.NoError(t, err)
		assert.Equal(t, app.CallbacksSeen{Refused: first}, other, "corps apart")

		ttl, err := r.Client.TTL(ctx, "siyu:wecom:callbacks:"+strconv.FormatInt(corpA, 10)).Result()
		require.NoError(t, err)
		assert.InDelta(t, app.CallbackMemory.Seconds(), ttl.Seconds(), 5, "forgotten after CallbackMemory")
	})
}
