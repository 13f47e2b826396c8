package attribution

import (
	"fmt"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// Setting is one setting of a rule set as people read it: what it is and
// its value, in Chinese.
type Setting struct {
	Label, Value string
}

// Describe reads r out setting by setting, in Chinese: what the settings
// page shows and what the audit trail and version history compare.
func Describe(r app.AttributionRules) []Setting {
	return []Setting{
		{"归属顺序", precedenceWords(r.Precedence)},
		{"推广链接有效期", fmt.Sprintf("点击后 %d 天内", r.ShareDays)},
		{"客户保护期", protectionWords(r.ProtectionDays)},
		{"保护期内获客门店分成", acquirerWords(r)},
		{"导购绑定", bindingWords(r)},
		{"跨店归属", crossWords(r.CrossStore)},
		{"分析模型回看窗口", fmt.Sprintf("%d 天", r.LookbackDays)},
		{"时间衰减半衰期", fmt.Sprintf("%d 天", r.HalfLifeDays)},
	}
}

// Changes says what moved from before to after, one line a setting
// ("客户保护期：30 天 → 14 天"); nil when nothing did.
func Changes(before, after app.AttributionRules) []string {
	b, a := Describe(before), Describe(after)
	var out []string
	for i := range a {
		if b[i].Value != a[i].Value {
			out = append(out, a[i].Label+"："+b[i].Value+" → "+a[i].Value)
		}
	}
	return out
}

// Words are r's settings by label, for an audit entry's before and after.
func Words(r app.AttributionRules) map[string]string {
	out := map[string]string{}
	for _, s := range Describe(r) {
		out[s.Label] = s.Value
	}
	return out
}

func precedenceWords(p []string) string {
	names := make([]string, len(p))
	for i, r := range p {
		names[i] = ruleName(r)
	}
	return strings.Join(names, " ＞ ")
}

// ruleName names a precedence rule; one Siyu does not know keeps its code.
func ruleName(r string) string {
	if n := app.AttributionRuleNames[r]; n != "" {
		return n
	}
	return r
}

func protectionWords(days int) string {
	if days <= 0 {
		return "不设保护期"
	}
	return fmt.Sprintf("首次添加后 %d 天内的线上订单归获客门店", days)
}

func acquirerWords(r app.AttributionRules) string {
	if r.ProtectionDays <= 0 {
		return "—"
	}
	if r.AcquirerPct >= 100 {
		return "100%"
	}
	return fmt.Sprintf("%d%%，其余 %d%% 按归属顺序", r.AcquirerPct, 100-r.AcquirerPct)
}

func bindingWords(r app.AttributionRules) string {
	if r.Binding == app.BindingTemporary {
		return fmt.Sprintf("临时绑定：成为专属导购后 %d 天内有效", r.BindingDays)
	}
	return "永久绑定"
}

func crossWords(cross bool) string {
	if cross {
		return "允许其他门店的导购获得店内销售业绩"
	}
	return "店内销售只归本店导购"
}
