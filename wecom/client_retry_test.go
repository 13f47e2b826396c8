package wecom_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

func TestTransientFaultsAreRetried(t *testing.T) {
	tests := []struct {
		name  string
		fault sandbox.Fault
	}{
		{"Busy", sandbox.Fault{ErrCode: -1, Times: 2}},
		{"RateLimited", sandbox.Fault{ErrCode: 45009, Times: 2}},
		{"Concurrency", sandbox.Fault{ErrCode: 45033, Times: 2}},
		{"HTTP502", sandbox.Fault{HTTPStatus: 502, Times: 2}},
		{"Dropped", sandbox.Fault{Drop: true, Times: 2}},
	}
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				corp := newCorp(t)
				seedCustomers(t, corp, "guide1", 1)
				c := newClient(t, r, corp)
				corp.InjectFault("externalcontact/get_follow_user_list", tt.fault)
				users, err := c.FollowUsers(context.Background())
				require.NoError(t, err)
				assert.Equal(t, []string{"guide1"}, users)
				assert.Len(t, corp.CallsTo("externalcontact/get_follow_user_list"), 3, "two faults, then success")
			})
		}
	})
}

func TestPermanentErrorsAreNotRetried(t *testing.T) {
	tests := []struct {
		name    string
		fault   sandbox.Fault
		code    string
		errcode int
	}{
		{"NoPermission", sandbox.Fault{ErrCode: 48002}, app.EFORBIDDEN, 48002},
		{"UntrustedIP", sandbox.Fault{ErrCode: 60020}, app.EFORBIDDEN, 60020},
		{"NoContactPermission", sandbox.Fault{ErrCode: 84074}, app.EFORBIDDEN, 84074},
		{"HTTP404", sandbox.Fault{HTTPStatus: 404}, app.EUNAVAILABLE, 0},
	}
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				corp := newCorp(t)
				c := newClient(t, r, corp)
				corp.InjectFault("externalcontact/get_follow_user_list", tt.fault)
				_, err := c.FollowUsers(context.Background())
				assert.Equal(t, tt.code, app.ErrorCode(err))
				assert.Equal(t, tt.errcode, wecom.ErrCode(err))
				assert.Len(t, corp.CallsTo("externalcontact/get_follow_user_list"), 1)
			})
		}
	})
}

func TestPersistentBusyGivesUp(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		corp := newCorp(t)
		c := newClient(t, r, corp)
		corp.InjectFault("externalcontact/get_follow_user_list", sandbox.Fault{ErrCode: -1})
		_, err := c.FollowUsers(context.Background())
		assert.Equal(t, app.EUNAVAILABLE, app.ErrorCode(err))
		assert.Equal(t, -1, wecom.ErrCode(err))
		assert.Len(t, corp.CallsTo("externalcontact/get_follow_user_list"), fastBackoff().Attempts)
	})
}

// A storm of 45009 — five in a row, then on a third of the calls — slows
// a full paging walk but fails none of it.
func TestRateLimitStormDoesNotFailPaging(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		corp := newCorp(t)
		users, err := corp.SeedBulk(sandbox.Bulk{Members: 3, Customers: 2000})
		require.NoError(t, err)
		c := newClient(t, r, corp, wecom.WithBackoff(wecom.Backoff{Attempts: 10, Base: time.Millisecond, Max: 5 * time.Millisecond}))
		corp.InjectFault("externalcontact/batch/get_by_user", sandbox.Fault{ErrCode: 45009, Times: 5})
		corp.InjectFault("externalcontact/batch/get_by_user", sandbox.Fault{ErrCode: 45009, Probability: 0.33})
		seen := map[string]bool{}
		err = c.EachBatchCustomer(context.Background(), users, func(bc wecom.BatchCustomer) error {
			seen[bc.Customer.ExternalUserID] = true
			return nil
		})
		require.NoError(t, err)
		assert.Len(t, seen, 2000)
		codes := errcodes(corp, "externalcontact/batch/get_by_user")
		assert.GreaterOrEqual(t, len(codes), 20+5, "twenty pages plus the retries")
	})
}

// Twelve callers race for a budget of three at once and one a second: the
// sandbox sees only what the limiter let through, the rest wait and give up
// with their context.
func TestRateLimitIsRespected(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		corp := newCorp(t)
		c := newClient(t, r, corp, wecom.WithLimits(wecom.Limits{PerMinute: 60, PerHour: 1000, Burst: 3}))
		ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
		defer cancel()
		var mu sync.Mutex
		ok, waited := 0, 0
		var wg sync.WaitGroup
		for range 12 {
			wg.Go(func() {
				_, err := c.FollowUsers(ctx)
				mu.Lock()
				defer mu.Unlock()
				if err == nil {
					ok++
					return
				}
				waited++
				assert.ErrorIs(t, err, context.DeadlineExceeded)
			})
		}
		wg.Wait()
		calls := len(corp.CallsTo("externalcontact/get_follow_user_list"))
		assert.Equal(t, ok, calls, "every call the sandbox saw succeeded")
		assert.GreaterOrEqual(t, calls, 3, "the burst goes through at once")
		assert.LessOrEqual(t, calls, 3+2, "then one a second for 1.5 s")
		assert.Equal(t, 12, ok+waited)
	})
}
