package api

import (
	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/dashboard"
)

// noStats is the empty state of a page with no aggregates in its period.
const noStats = "该时段还没有统计数据：统计每 15 分钟更新今天和昨天，每晚重算近 7 天；换一个时段看看。"

// dashOverview is 总览: the headline figures beside the period before,
// the daily trend and its table.
func (s *server) dashOverview(c *gin.Context, r *dashReq, all bool) error {
	pg, err := s.d.Dashboard.Overview(c.Request.Context(), r.sc, r.period)
	if err != nil {
		return err
	}
	r.view.Notes = append(r.view.Notes, "环比：与前 "+itoa64(int64(pg.Prev.Days))+" 天（"+pg.Prev.From+" 至 "+pg.Prev.To+"）相比；比率的变化以百分点计。")
	if pg.Empty {
		r.view.Empty = noStats
	}
	r.kpis(pg.KPIs)
	r.chart("trend", pg.Trend)
	r.table(c, pg.Daily, false, noStats)
	return nil
}

// dashRanked shows a ranked table, its bars and its pager.
func (r *dashReq) ranked(c *gin.Context, pg *dashboard.RankPage, o dashboard.Order, empty string) {
	r.chart(pg.Table.Key, pg.Chart)
	t := r.table(c, pg.Table, true, empty)
	p := newPager(c, max(o.Page, 1), pg.More)
	t.Pager = &p
}

// dashGuides is 导购排行.
func (s *server) dashGuides(c *gin.Context, r *dashReq, all bool) error {
	o := r.order(c, dashboard.GuideOrder, all)
	pg, err := s.d.Dashboard.Guides(c.Request.Context(), r.sc, r.period, o)
	if err == nil {
		r.ranked(c, pg, o, "该时段没有导购的统计数据。")
	}
	return err
}

// dashExecution is 执行: SOP completion is what owners reported.
func (s *server) dashExecution(c *gin.Context, r *dashReq, all bool) error {
	o := r.order(c, dashboard.ExecutionOrder, all)
	pg, err := s.d.Dashboard.Execution(c.Request.Context(), r.sc, r.period, o)
	if err == nil {
		r.view.Notes = append(r.view.Notes, "群发确认与送达来自企业微信的记录；SOP 完成为群主自报（自报），未经核实。")
		r.ranked(c, pg, o, "该时段没有群发、SOP 或待办。")
	}
	return err
}

// dashChannels is 渠道效果.
func (s *server) dashChannels(c *gin.Context, r *dashReq, all bool) error {
	o := r.order(c, dashboard.ChannelOrder, all)
	pg, err := s.d.Dashboard.Channels(c.Request.Context(), r.sc, r.period, o)
	if err == nil {
		r.view.Notes = append(r.view.Notes, "首单转化率 = 首单客户数 ÷ 添加数；成交金额为经该渠道添加的客户的订单实付（含退款冲减），不是归属业绩。")
		r.ranked(c, pg, o, "该时段没有经渠道活码添加的客户。")
	}
	return err
}

// storeBys are what 门店对比 compares.
var storeBys = []consoleOption{{Value: app.StatStore, Label: "门店"}, {Value: app.StatBrand, Label: "品牌"}}

// dashStores is 门店对比: stores, or brands for the corp's readers.
func (s *server) dashStores(c *gin.Context, r *dashReq, all bool) error {
	o := r.order(c, dashboard.StoreOrder, all)
	by := c.DefaultQuery("by", app.StatStore)
	if r.sc.StoreID == 0 {
		r.view.Pickers = append(r.view.Pickers, pickerOf("by", "对比", by, storeBys...))
	}
	pg, err := s.d.Dashboard.Stores(c.Request.Context(), r.sc, r.period, by, o)
	if err == nil {
		r.ranked(c, pg, o, "该时段没有门店的统计数据。")
	}
	return err
}

// dashAssets is 客户资产: RFM classes and lifecycle stages of the latest
// snapshot, and 流失 day by day.
func (s *server) dashAssets(c *gin.Context, r *dashReq, all bool) error {
	pg, err := s.d.Dashboard.Assets(c.Request.Context(), r.sc, r.period)
	if err != nil {
		return err
	}
	if pg.NoSnapshot {
		r.view.Notes = append(r.view.Notes, "截至 "+r.period.To+" 还没有会员资产快照（每天计算时记录当天的 RFM 分类与生命周期）。")
	} else {
		r.view.Notes = append(r.view.Notes, "会员分布为 "+pg.Day+" 的快照（时段结束日或之前最近的一天）；流失 = 客户删除导购。")
	}
	r.chart("rfm", pg.ClassChart)
	r.chart("stages", pg.Funnel)
	r.chart("churn", pg.ChurnChart)
	r.table(c, pg.Classes, false, "")
	r.table(c, pg.Stages, false, "")
	r.table(c, pg.Churn, false, noStats)
	return nil
}
