package api_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/testkit"
)

var rewardLink = regexp.MustCompile(`<a href="/console/rewards/(\d+)">([^<]+)</a>`)

// 奖品 in the console: refusals by field with what was typed, a coupon
// created and its codes imported (bad lines listed), a gift with stock
// added, grants listed by member, customer and guide names (never ids),
// stock and cost in 元 on the list; an analyst reads but cannot write.
func TestConsoleRewards(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		ctx := context.Background()
		olga := c.signIn(t, "olga")
		assert.Contains(t, olga.get(t, "/console/rewards", http.StatusOK), "还没有奖品")
		assert.Contains(t, olga.get(t, "/console/", http.StatusOK), `data-nav="rewards"`, "in the menu")
		w := olga.post(t, "/console/rewards", url.Values{"name": {"双十二券"}, "kind": {app.RewardCoupon}, "cost": {"12.345"}})
		require.Equal(t, http.StatusBadRequest, w.Code, w.Body.String())
		assert.Contains(t, w.Body.String(), "单份成本须为金额（元，最多两位小数）")
		assert.Contains(t, w.Body.String(), `value="双十二券"`, "what was typed stays")
		w = olga.post(t, "/console/rewards", url.Values{"name": {"双十二券"}, "kind": {app.RewardCoupon}, "cost": {"12.50"}})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		coupon := w.Header().Get("Location")
		page := olga.postFile(t, coupon+"/codes", "codes.txt", "K1\nK2\nK1\n").Body.String()
		assert.Contains(t, page, `<strong id="import-added">2</strong>`)
		assert.Contains(t, page, "<td>3</td><td>K1</td><td>与第 1 行重复</td>")
		w = olga.post(t, coupon+"/codes", url.Values{"codes": {"K2\nK3"}})
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Contains(t, w.Body.String(), "已导入过")

		w = olga.post(t, "/console/rewards", url.Values{"name": {"帆布袋"}, "kind": {app.RewardGift}, "cost": {"9.9"}, "stock": {"1"}})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		gift := w.Header().Get("Location")
		w = olga.post(t, gift, url.Values{"name": {"帆布袋"}, "cost": {"9.90"}, "status": {"active"}, "add_stock": {"4"}})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())

		list := olga.get(t, "/console/rewards", http.StatusOK)
		links := map[string]string{}
		for _, m := range rewardLink.FindAllStringSubmatch(list, -1) {
			links[m[2]] = m[1]
		}
		require.Len(t, links, 2)
		assert.Regexp(t, `帆布袋</a></td>\s*<td class="reward-kind">到店礼品</td>\s*<td class="reward-cost">¥9.90</td>\s*<td class="reward-stock">5 / 5</td>`, list)
		assert.Regexp(t, `<td class="reward-cost">¥12.50</td>\s*<td class="reward-stock">3 / 3</td>`, list)

		require.NoError(t, c.g.Stores.Directory.UpsertCustomers(ctx, []app.Customer{{CorpID: c.corp.ID, ExternalUserID: "wm-li", Name: "李四的微信", Type: 1}}))
		res, err := c.g.Member.Upsert(ctx, c.corp.ID, member.Input{MemberNo: "M9", Name: "李四"})
		require.NoError(t, err)
		g, err := c.g.Rewards.Grant(ctx, app.GrantRequest{CorpID: c.corp.ID, RewardID: atoi(t, links["帆布袋"]), Key: "rf:1:m9",
			MemberID: &res.MemberID, ExternalUserID: "wm-li", UserID: "g1", Reason: "邀请 3 位好友"})
		require.NoError(t, err)
		page = olga.get(t, gift, http.StatusOK)
		assert.Contains(t, page, `<td class="grant-member">M9 · 李四</td><td class="grant-customer">李四的微信</td>`)
		assert.Contains(t, page, "待导购交付")
		assert.NotContains(t, page, "wm-li")
		assert.NotContains(t, page, ">g1<")
		assert.NotContains(t, page, g.Key, "the caller's key is not for people")

		audit := olga.get(t, "/console/audit", http.StatusOK)
		assert.Contains(t, audit, "导入券码")
		assert.Contains(t, audit, `href="/console/rewards/`+links["双十二券"]+`"`, "the reward named and linked")

		ann := c.signIn(t, "ann")
		page = ann.get(t, gift, http.StatusOK)
		assert.NotContains(t, page, `id="edit-reward"`)
		assert.Equal(t, http.StatusForbidden, ann.post(t, "/console/rewards", url.Values{"name": {"x"}, "kind": {app.RewardGift}}).Code)
	})
}
