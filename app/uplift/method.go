package uplift

import (
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// methodGuide explains the guide comparison (方法说明); the numbers are
// the months compared, the days each is at least observed (twice).
const methodGuide = `比较“绑定导购的会员”与“未绑定导购的会员”在绑定后一年内的消费。
1. 绑定：会员（或其对应的企业微信客户）第一次添加导购为好友的时间（添加好友触点，或好友关系的添加时间）。统计最近 %d 个完整自然月内首次绑定的会员，最近的也已过去至少 %d 天。
2. 对照：同品牌、同一常驻门店、同一月份、且“绑定时”RFM 分类相同的未绑定会员（分层匹配）。对照会员的参照日为该门店该月绑定会员绑定时间的中位数；须在参照日前已是会员或已有消费，且在观察期结束前没有添加任何导购。每位对照会员按编号散列只进入一个月份，不重复计算。
3. RFM 分类：用品牌当前的 RFM 阈值，按参照日之前的订单计算，规则与会员的 RFM 分类相同。
4. 消费：参照日次日起一年内的订单金额（扣除退款）。绑定当天的订单不计入（绑定常在到店购买时发生）。观察期不足一年的（至少 %d 天）按天数折算为年消费。
5. 估计：各层按绑定会员人数加权，即对已绑定会员的平均效应（ATT）；提升 = 绑定会员人均年消费 ÷ 加权后对照会员人均年消费 − 1。
6. 95%% 置信区间：Delta 方法，在对数比值上计算（各层、两组视为独立样本）。任一组少于 2 人的层不参与比较，层数和其中的绑定会员数单独列出。
解读：在上述匹配下，真实提升有 95%% 的把握落在区间内；区间不含 0 才说明差异显著。这是观察性比较，不是随机实验：匹配之外的差异（如导购更愿意添加常来的客户）仍可能影响结果。`

// methodHoldout explains a holdout comparison; the number is the window.
const methodHoldout = `%s按客户编号散列随机留出对照组（不触达），比较实验组与对照组在%s后 %d 天内的表现。
1. 实验组是计划触达的全部客户，无论导购是否实际发出（意向处理分析）；对照组是被留出的客户。只统计观察期已结束的客户。
2. 转化率：期内有购买的客户占比。差值的 95%% 置信区间用 Newcombe 混合得分法（由两组的 Wilson 区间合成）；相对提升用对数风险比（Katz）区间。
3. 人均收入：期内订单金额（扣除退款）的人均值。差值的 95%% 置信区间用 Welch t 区间（两组方差可不同）；相对提升用 Delta 方法。
4. 不是会员的客户没有可关联的订单，按 0 计入两组，只会稀释效应，不影响比较的公正。
解读：对照组是随机留出的，两组的差异可归因于触达本身；区间不含 0 表示效应显著。`

// Method is the method of a kind of uplift in Chinese (方法说明), with
// the numbers of o, for the dashboards to show beside the results.
func Method(kind string, o Options) string {
	o = o.withDefaults()
	switch kind {
	case app.UpliftGuide:
		return fmt.Sprintf(methodGuide, o.GuideMonths, o.GuideMinDays, o.GuideMinDays)
	case app.UpliftMassSend:
		return fmt.Sprintf(methodHoldout, "群发", "计划发送", o.WindowDays)
	case app.UpliftJourney:
		return fmt.Sprintf(methodHoldout, "客户旅程", "首次触发", o.WindowDays)
	}
	return ""
}

// Method is the method of a kind as this service measures it.
func (s *Service) Method(kind string) string { return Method(kind, s.opts) }
