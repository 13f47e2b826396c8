package reward_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/reward"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// fixture is the rewards capability, as the composition root builds it,
// on a fresh database with one corp.
type fixture struct {
	core *root.Core
	svc  *reward.Service
	corp int64
	ctx  context.Context
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	core := root.NewCore(d, testkit.Box(t), auth.Options{})
	ctx := app.WithActor(context.Background(), "user:1")
	c := &app.Corp{CorpID: testkit.RandomName("ww"), Name: "奖品测试"}
	require.NoError(t, core.Stores.Corps.CreateCorp(ctx, c))
	return &fixture{core: core, svc: core.Rewards, corp: c.ID, ctx: ctx}
}

// reward creates a reward of kind with stock units (a coupon: that many
// codes imported).
func (f *fixture) reward(t *testing.T, kind string, stock int) *app.Reward {
	r := &app.Reward{CorpID: f.corp, Name: "新人礼" + kind, Kind: kind, CostCents: 1250, StockTotal: int64(stock)}
	if kind == app.RewardPoints {
		r.Points = 200
	}
	require.NoError(t, f.svc.CreateReward(f.ctx, r))
	if kind == app.RewardCoupon && stock > 0 {
		var b strings.Builder
		for i := range stock {
			fmt.Fprintf(&b, "CODE-%d-%04d\n", r.ID, i)
		}
		res, err := f.svc.ImportCodes(f.ctx, f.corp, r.ID, strings.NewReader(b.String()))
		require.NoError(t, err)
		require.Equal(t, stock, res.Added)
	}
	got, err := f.svc.FindReward(f.ctx, f.corp, r.ID)
	require.NoError(t, err)
	require.EqualValues(t, stock, got.StockLeft)
	return got
}

// member makes a member with points to start with.
func (f *fixture) member(t *testing.T, no string, points int64) int64 {
	res, err := f.core.Member.Upsert(f.ctx, f.corp, memberInput(no, points))
	require.NoError(t, err)
	return res.MemberID
}

func (f *fixture) stockLeft(t *testing.T, id int64) int64 {
	r, err := f.svc.FindReward(f.ctx, f.corp, id)
	require.NoError(t, err)
	return r.StockLeft
}

// grantTo is a request for reward r to one customer with key.
func grantTo(r *app.Reward, key string) app.GrantRequest {
	return app.GrantRequest{CorpID: r.CorpID, RewardID: r.ID, Key: key, ExternalUserID: "wm_" + key, UserID: "guide01", Reason: "邀请 3 位好友"}
}

func memberInput(no string, points int64) member.Input {
	return member.Input{MemberNo: no, Name: "会员" + no, Points: &points}
}
