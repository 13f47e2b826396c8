package kv_test

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// TestCallLog counts failed WeCom calls per minute across instances: two
// logs on one Redis add up, successes are not kept, and a minute older
// than the window the console asks for is left out.
func TestCallLog(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		// Minutes of this run's own, long past: the keyspace may be shared.
		now := time.Date(2001, 1, 1, 0, 0, 30, 0, time.UTC).Add(time.Duration(rand.IntN(100_000)) * time.Hour)
		a, b := kv.NewCallLog(r), kv.NewCallLog(r)
		clock := func() time.Time { return now }
		a.SetClock(clock)
		b.SetClock(clock)
		now = now.Add(-61 * time.Minute)
		a.CountCall("externalcontact/get", "rate_limited") // outside the last hour by now
		now = now.Add(59 * time.Minute)
		a.CountCall("externalcontact/get", "rate_limited")
		b.CountCall("externalcontact/list", "wecom_error")
		now = now.Add(2 * time.Minute)
		b.CountCall("externalcontact/get", "rate_limited")
		a.CountCall("externalcontact/get", "ok")

		got, err := a.CallErrors(context.Background(), time.Hour)
		require.NoError(t, err)
		assert.Equal(t, map[string]int64{"rate_limited": 2, "wecom_error": 1}, got)
		recent, err := b.CallErrors(context.Background(), time.Minute)
		require.NoError(t, err)
		assert.Equal(t, map[string]int64{"rate_limited": 1}, recent)
	})
}
