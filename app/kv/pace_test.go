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

// Pace admits a member's messages as a sliding minute and hour would:
// compared, attempt by attempt, against a list of admitted times. Other
// members and corps are counted apart, and concurrent callers never get
// more than the minute's share between them.
func TestPace(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		ctx := context.Background()
		corp := time.Now().UnixNano() // a corp of this run's own
		p := kv.NewPace(r, 25, 900)
		var admitted []time.Time
		want := func(now time.Time) bool {
			minute, hour := 0, 0
			for _, a := range admitted {
				if a.After(now.Add(-time.Hour)) {
					hour++
				}
				if a.After(now.Add(-time.Minute)) {
					minute++
				}
			}
			return minute < 25 && hour < 900
		}
		start := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
		for step := range 70 * 4 { // 70 minutes in 15-second steps, 9 tries each
			now := start.Add(time.Duration(step) * 15 * time.Second)
			for range 9 {
				ok, err := p.Take(ctx, corp, "g1", now)
				require.NoError(t, err)
				require.Equal(t, want(now), ok, "at %s", now.Sub(start))
				if ok {
					admitted = append(admitted, now)
				}
			}
		}
		require.Greater(t, len(admitted), 900, "the hour's share was reached and then freed")
		ok, err := p.Take(ctx, corp, "g2", start)
		require.NoError(t, err)
		assert.True(t, ok, "another member has a share of their own")
		ok, err = p.Take(ctx, corp+1, "g1", start)
		require.NoError(t, err)
		assert.True(t, ok, "another corp's member too")

		var mu sync.Mutex
		var wg sync.WaitGroup
		got := 0
		for range 60 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, err := p.Take(ctx, corp, "g3", start)
				assert.NoError(t, err)
				if ok {
					mu.Lock()
					got++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		assert.Equal(t, 25, got)
	})
}
