package reward_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// race grants r to n callers at once, each with its own key, and returns
// the grants made and the error codes of the refusals.
func race(t *testing.T, f *fixture, r *app.Reward, n int) ([]*app.RewardGrant, map[string]int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var won []*app.RewardGrant
	codes := map[string]int{}
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			g, err := f.svc.Grant(f.ctx, grantTo(r, fmt.Sprintf("rf:%d:m%d", r.ID, i)))
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				codes[app.ErrorCode(err)]++
				return
			}
			won = append(won, g)
		}()
	}
	close(start)
	wg.Wait()
	return won, codes
}

// 50 concurrent claims on the last unit: exactly one succeeds, the others
// are told 奖品已发完, and the stock ends at zero, for a gift and for a
// coupon with one code left.
func TestGrantLastUnitOnce(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		for _, kind := range []string{app.RewardGift, app.RewardCoupon} {
			t.Run(kind, func(t *testing.T) {
				r := f.reward(t, kind, 1)
				won, refused := race(t, f, r, 50)
				require.Len(t, won, 1)
				assert.Equal(t, map[string]int{app.EOUTOFSTOCK: 49}, refused)
				assert.Zero(t, f.stockLeft(t, r.ID))
				_, err := f.svc.Grant(f.ctx, grantTo(r, "late"))
				assert.Equal(t, "奖品已发完", app.ErrorMessage(err))
				list, total, err := f.svc.ListGrants(f.ctx, f.corp, r.ID, app.Page{})
				require.NoError(t, err)
				assert.EqualValues(t, 1, total)
				assert.Equal(t, won[0].Key, list[0].Key)
			})
		}
	})
}

// 40 grants race for 20 codes: 20 get a code each, never one twice, and
// the other 20 are out of stock.
func TestCodesNeverTwice(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.reward(t, app.RewardCoupon, 20)
		won, refused := race(t, f, r, 40)
		require.Len(t, won, 20)
		assert.Equal(t, map[string]int{app.EOUTOFSTOCK: 20}, refused)
		seen := map[string]bool{}
		for _, g := range won {
			require.NotEmpty(t, g.Code)
			assert.False(t, seen[g.Code], "code %s given twice", g.Code)
			seen[g.Code] = true
		}
		assert.Zero(t, f.stockLeft(t, r.ID))
	})
}

// The same key twice (and ten times at once) is one grant and one unit.
func TestGrantIdempotentByKey(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.reward(t, app.RewardCoupon, 5)
		first, err := f.svc.Grant(f.ctx, grantTo(r, "rf:12:t2:m55"))
		require.NoError(t, err)
		again, err := f.svc.Grant(f.ctx, grantTo(r, "rf:12:t2:m55"))
		require.NoError(t, err)
		assert.Equal(t, first.ID, again.ID)
		assert.Equal(t, first.Code, again.Code)
		var wg sync.WaitGroup
		ids := make([]int64, 10)
		for i := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				g, err := f.svc.Grant(f.ctx, grantTo(r, "rf:same"))
				if assert.NoError(t, err) {
					ids[i] = g.ID
				}
			}()
		}
		wg.Wait()
		for _, id := range ids {
			assert.Equal(t, ids[0], id)
		}
		assert.EqualValues(t, 3, f.stockLeft(t, r.ID), "two keys, two units")
		other := f.reward(t, app.RewardGift, 3)
		_, err = f.svc.Grant(f.ctx, grantTo(other, "rf:same"))
		assert.Equal(t, app.ECONFLICT, app.ErrorCode(err), "a key is one grant of one reward")
	})
}

// Points reach the member record once per key, through app/member.
func TestPointsCreditedOnce(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.reward(t, app.RewardPoints, 10)
		id := f.member(t, "M001", 50)
		req := grantTo(r, "rf:pts")
		req.MemberID = &id
		for range 3 {
			g, err := f.svc.Grant(f.ctx, req)
			require.NoError(t, err)
			assert.Equal(t, app.GrantGranted, g.Status)
		}
		m, err := f.core.Member.Find(f.ctx, f.corp, id)
		require.NoError(t, err)
		assert.EqualValues(t, 250, m.Points)
		assert.EqualValues(t, 9, f.stockLeft(t, r.ID))
		req.Key, req.MemberID = "rf:nobody", nil
		_, err = f.svc.Grant(f.ctx, req)
		assert.Equal(t, app.EINVALID, app.ErrorCode(err), "points need a member")
		unknown := id + 1000
		req.MemberID = &unknown
		_, err = f.svc.Grant(f.ctx, req)
		assert.Equal(t, "会员不存在", reasons(err)["member_id"])
		assert.EqualValues(t, 9, f.stockLeft(t, r.ID), "a refusal takes no unit")
	})
}

// A gift is one guide task (交付奖励), however often it is granted; the
// grant is handed over once the guide's task is done.
func TestGiftTask(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.reward(t, app.RewardGift, 2)
		g, err := f.svc.Grant(f.ctx, grantTo(r, "rf:gift"))
		require.NoError(t, err)
		_, err = f.svc.Grant(f.ctx, grantTo(r, "rf:gift"))
		require.NoError(t, err)
		assert.Equal(t, app.GrantPendingHandover, g.Status)
		require.NotNil(t, g.TaskID)
		admin := app.Principal{CorpID: f.corp, Role: app.RoleAdmin, Actor: "user:1"}
		tasks, _, err := f.core.Todo.ListTasks(f.ctx, f.corp, admin, app.TaskFilter{Kind: app.TaskReward})
		require.NoError(t, err)
		require.Len(t, tasks, 1)
		assert.Equal(t, "交付奖励："+r.Name, tasks[0].Title)
		assert.Equal(t, "guide01", tasks[0].UserID)
		_, err = f.core.Todo.CompleteTask(f.ctx, f.corp, *g.TaskID, admin, false)
		require.NoError(t, err)
		list, _, err := f.svc.ListGrants(f.ctx, f.corp, r.ID, app.Page{})
		require.NoError(t, err)
		assert.Equal(t, app.GrantHandedOver, list[0].Status)
		assert.NotNil(t, list[0].HandedAt)
		req := grantTo(r, "rf:gift2")
		req.UserID = ""
		_, err = f.svc.Grant(f.ctx, req)
		assert.Equal(t, app.EINVALID, app.ErrorCode(err), "a gift needs its guide")
	})
}
