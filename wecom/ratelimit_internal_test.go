package wecom

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The limiter's GCRA runs as a Lua script using TIME; every Redis kind
// must run it alike. Scopes are of this run's own: the cluster is shared.
func TestLimiterReserve(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		ctx := context.Background()
		l := newLimiter(r.Client, Limits{PerMinute: 60, PerHour: 1000, Burst: 3}, sleepCtx)
		corpA, corpB := testkit.RandomName("corpA-"), testkit.RandomName("corpB-")
		for i := range 3 {
			d, err := l.reserve(ctx, corpA, "externalcontact/get")
			require.NoError(t, err)
			assert.Zero(t, d, "call %d is within the burst", i+1)
		}
		d, err := l.reserve(ctx, corpA, "externalcontact/get")
		require.NoError(t, err)
		assert.Greater(t, d, time.Duration(0), "the fourth call must wait")
		assert.LessOrEqual(t, d, time.Second, "for about one emission interval")

		d, err = l.reserve(ctx, corpA, "externalcontact/list")
		require.NoError(t, err)
		assert.Zero(t, d, "another API has its own budget")
		d, err = l.reserve(ctx, corpB, "externalcontact/get")
		require.NoError(t, err)
		assert.Zero(t, d, "another corp has its own budget")
	})
}

func TestLimiterHourWindow(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		ctx := context.Background()
		l := newLimiter(r.Client, Limits{PerMinute: 6000, PerHour: 2, Burst: 2}, sleepCtx)
		corp := testkit.RandomName("corp-")
		for range 2 {
			d, err := l.reserve(ctx, corp, "api")
			require.NoError(t, err)
			require.Zero(t, d)
		}
		time.Sleep(30 * time.Millisecond) // past the minute window's 10 ms spacing
		d, err := l.reserve(ctx, corp, "api")
		require.NoError(t, err)
		assert.Greater(t, d, time.Minute, "the hour window holds the call back")
	})
}

func TestLimiterWaitRespectsContext(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		l := newLimiter(r.Client, Limits{PerMinute: 1, PerHour: 10, Burst: 2}, sleepCtx)
		corp := testkit.RandomName("corp-")
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		require.NoError(t, l.wait(ctx, corp, "api"))
		require.NoError(t, l.wait(ctx, corp, "api"), "burst")
		require.ErrorIs(t, l.wait(ctx, corp, "api"), context.DeadlineExceeded)
	})
}

func TestLimitsValidate(t *testing.T) {
	tests := []struct {
		name string
		l    Limits
		ok   bool
	}{
		{"Default", DefaultLimits(), true},
		{"Zero", Limits{}, false},
		{"OverWeComMinute", Limits{PerMinute: 10000, PerHour: 100000, Burst: 1}, false},
		{"OverWeComHour", Limits{PerMinute: 100, PerHour: 150000, Burst: 1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.ok, tt.l.Validate() == nil) })
	}
}
