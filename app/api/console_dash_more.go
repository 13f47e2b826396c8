package api

import (
	"fmt"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// dashCredits is 业绩归属: a brand scope's rule version (the current by
// default), store against online credit day by day and by store.
func (s *server) dashCredits(c *gin.Context, r *dashReq, all bool) error {
	ctx := c.Request.Context()
	scopes, err := s.brandScopes(ctx, r.sc.CorpID)
	if err != nil {
		return err
	}
	scope, err := readScope(c, scopes)
	if err != nil {
		return err
	}
	rs, _, err := s.d.Attribution.Versions(ctx, r.sc.CorpID, scope.ID)
	if err != nil {
		return err
	}
	if len(scopes) > 1 {
		opts := make([]consoleOption, len(scopes))
		for i, sc := range scopes {
			opts[i] = consoleOption{Value: itoa64(sc.ID), Label: sc.Name}
		}
		r.view.Pickers = append(r.view.Pickers, pickerOf("scope", "品牌", itoa64(scope.ID), opts...))
	}
	if len(rs) == 0 {
		r.view.Empty = "还没有业绩归属规则版本：有订单后系统会按默认规则计算，或先在「业绩归属」规则页保存规则。"
		return nil
	}
	asked, _ := strconv.ParseInt(c.Query("rules_id"), 10, 64)
	version, opts := &rs[0], make([]consoleOption, len(rs))
	for i := range rs {
		opts[i] = consoleOption{Value: itoa64(rs[i].ID), Label: fmt.Sprintf("第 %d 版", rs[i].Version)}
		if i == 0 {
			opts[i].Label += "（当前）"
		}
		if rs[i].ID == asked {
			version = &rs[i]
		}
	}
	r.view.Pickers = append(r.view.Pickers, pickerOf("rules_id", "规则版本", itoa64(version.ID), opts...))
	if asked != 0 && version.ID != asked {
		return app.FieldInvalid("rules_id", "规则版本不存在")
	}
	pg, err := s.d.Dashboard.Credits(ctx, r.sc, r.period, version.ID)
	if err != nil {
		return err
	}
	r.view.Notes = append(r.view.Notes, fmt.Sprintf("按第 %d 版规则计入的业绩（退款扣回），按支付日期（企业所在时区）；切换版本可比较规则变化前后。", version.Version))
	if pg.Empty {
		r.view.Empty = "该时段在此规则版本下没有计入的业绩。"
	}
	r.chart("credits", pg.Chart)
	r.table(c, pg.Daily, false, "")
	r.table(c, pg.ByStore, false, "")
	return nil
}

// dashReferrals is 裂变: every campaign's funnel and K-factor since it
// began, and the funnel of the one picked.
func (s *server) dashReferrals(c *gin.Context, r *dashReq, all bool) error {
	r.view.NoPeriod = true
	picked, _ := strconv.ParseInt(c.Query("campaign"), 10, 64)
	pg, err := s.d.Dashboard.Referrals(c.Request.Context(), r.sc, picked)
	if err != nil {
		return err
	}
	r.view.Notes = append(r.view.Notes, "活动开始以来的累计数据，不受时段影响。K 因子 = 已计入的新好友 ÷ 参与人数。")
	if pg.Scoped {
		r.view.Notes = append(r.view.Notes, "店长只看到到达本门店的助力：参与、扫码与邀请不分门店。")
	}
	if len(pg.Table.Rows) == 0 {
		r.view.Empty = "还没有裂变活动。"
	}
	var opts []consoleOption
	for _, row := range pg.Table.Rows {
		opts = append(opts, consoleOption{Value: row.Key, Label: row.Labels[0]})
	}
	if len(opts) > 1 {
		r.view.Pickers = append(r.view.Pickers, pickerOf("campaign", "漏斗", pg.Picked, opts...))
	}
	pg.Funnel.Title = "漏斗：" + pg.Funnel.Title
	r.chart("referral", pg.Funnel)
	r.table(c, pg.Table, false, "")
	return nil
}

// dashUplift is 提升效果: each uplift measured, with its interval and
// how it was measured; empty until app/uplift has computed one.
func (s *server) dashUplift(c *gin.Context, r *dashReq, all bool) error {
	r.view.NoPeriod, r.view.Method = true, true
	pg, err := s.d.Dashboard.Uplift(c.Request.Context(), r.sc, r.v.Zone)
	if err != nil {
		return err
	}
	r.view.Methods = pg.Methods
	r.view.Notes = append(r.view.Notes, "提升效果在后台定期计算，各结果的期间见表；计算方法见页面下方。")
	if pg.Empty {
		r.view.Empty = "还没有计算出提升效果：需要足够的导购关联与未关联客户，或设置了留出组的群发、客户旅程；计算在后台每晚进行。"
	} else {
		r.view.Computed = r.v.Local(pg.Computed)
	}
	r.table(c, pg.Guide, false, "尚无结果。")
	r.table(c, pg.MassSends, false, "尚无设置留出组的群发结果。")
	r.table(c, pg.Journeys, false, "尚无设置留出组的客户旅程结果。")
	return nil
}
