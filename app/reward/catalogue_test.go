package reward_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

func reasons(err error) map[string]string {
	out := map[string]string{}
	for _, f := range app.ErrorFields(err) {
		out[f.Field] = f.Reason
	}
	return out
}

// Every refusal at once, in Chinese; stock is added to points and gifts,
// never to coupons (their codes are their stock).
func TestRewardCatalogue(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		err := f.svc.CreateReward(f.ctx, &app.Reward{CorpID: f.corp, Name: " ", Kind: app.RewardPoints, CostCents: -1, StockTotal: -3})
		assert.Equal(t, map[string]string{"name": "请填写奖品名称（不超过64个字）", "points": "积分奖品须填写每份积分（1 至 10,000,000）",
			"cost_cents": "单份成本须在 0 至 1,000,000 元之间", "stock": "库存须在 0 至 10,000,000 之间"}, reasons(err))
		assert.Contains(t, reasons(f.svc.CreateReward(f.ctx, &app.Reward{CorpID: f.corp, Name: "x", Kind: "cash"})), "kind")

		gift := f.reward(t, app.RewardGift, 2)
		name, cost := "到店礼：帆布袋", int64(990)
		got, err := f.svc.UpdateReward(f.ctx, f.corp, gift.ID, app.RewardUpdate{Name: &name, CostCents: &cost, AddStock: 3})
		require.NoError(t, err)
		assert.Equal(t, []any{name, int64(990), int64(5), int64(5)}, []any{got.Name, got.CostCents, got.StockTotal, got.StockLeft})
		coupon := f.reward(t, app.RewardCoupon, 0)
		_, err = f.svc.UpdateReward(f.ctx, f.corp, coupon.ID, app.RewardUpdate{AddStock: 5})
		assert.Equal(t, "优惠券的库存来自导入的券码，请导入券码", reasons(err)["add_stock"])

		paused := app.RewardPaused
		_, err = f.svc.UpdateReward(f.ctx, f.corp, gift.ID, app.RewardUpdate{Status: &paused})
		require.NoError(t, err)
		_, err = f.svc.Grant(f.ctx, grantTo(gift, "k1"))
		assert.Equal(t, app.ECONFLICT, app.ErrorCode(err), "a paused reward grants nothing")
		_, err = f.svc.FindReward(f.ctx, f.corp+1000, gift.ID)
		assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err), "another corp's reward is not found")
		list, total, err := f.svc.ListRewards(f.ctx, f.corp, app.Page{Limit: 1})
		require.NoError(t, err)
		assert.EqualValues(t, 2, total)
		assert.Equal(t, coupon.ID, list[0].ID, "newest first")
	})
}

// An import adds the good lines and reports every other one at once: too
// long, spaces inside, repeated in the file, imported before.
func TestImportCodes(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		r := f.reward(t, app.RewardCoupon, 0)
		res, err := f.svc.ImportCodes(f.ctx, f.corp, r.ID, strings.NewReader("\uFEFFA1\r\nA2\n\nA1\nA 3\n"+strings.Repeat("x", 65)+"\nA4\n"))
		require.NoError(t, err)
		assert.Equal(t, 3, res.Added)
		assert.Equal(t, []app.CodeLine{{Line: 4, Code: "A1", Reason: "与第 1 行重复"}, {Line: 5, Code: "A 3", Reason: "券码不能包含空格或控制字符"},
			{Line: 6, Code: strings.Repeat("x", 64) + "…", Reason: "券码超过64个字符"}}, res.Skipped)
		res, err = f.svc.ImportCodes(f.ctx, f.corp, r.ID, strings.NewReader("A2\nA5\n"))
		require.NoError(t, err)
		assert.Equal(t, 1, res.Added)
		assert.Equal(t, []app.CodeLine{{Line: 1, Code: "A2", Reason: "已导入过"}}, res.Skipped)
		got, err := f.svc.FindReward(f.ctx, f.corp, r.ID)
		require.NoError(t, err)
		assert.EqualValues(t, 4, got.StockTotal)
		assert.EqualValues(t, 4, got.StockLeft)

		_, err = f.svc.ImportCodes(f.ctx, f.corp, r.ID, strings.NewReader("\n \n"))
		assert.Equal(t, app.EINVALID, app.ErrorCode(err), "nothing to import")
		gift := f.reward(t, app.RewardGift, 1)
		_, err = f.svc.ImportCodes(f.ctx, f.corp, gift.ID, strings.NewReader("B1\n"))
		assert.Equal(t, "只有优惠券奖品可以导入券码", reasons(err)["kind"])
	})
}
