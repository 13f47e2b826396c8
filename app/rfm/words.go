package rfm

import (
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// Setting is one setting as people read it, in Chinese.
type Setting struct {
	Label, Value string
}

// Describe reads st out setting by setting: what the settings page shows
// and the audit trail compares.
func Describe(st app.RFMSettings) []Setting {
	return []Setting{
		{"最近购买（R）", threshold(st.RecencyDays, fmt.Sprintf("%d 天内购买过算“近”", st.RecencyDays))},
		{"购买频次（F）", threshold(st.Frequency, fmt.Sprintf("购买 %d 次及以上算“高”", st.Frequency))},
		{"消费金额（M）", threshold(st.MonetaryCents, "累计实付 "+yuan(st.MonetaryCents)+" 及以上算“高”")},
		{"成长期", fmt.Sprintf("购买 1 到 %d 次，之后为成熟期", st.GrowthOrders)},
		{"休眠期", fmt.Sprintf("超过 %d 天未购买", st.ActiveDays)},
		{"流失期", fmt.Sprintf("超过 %d 天未购买", st.ChurnDays)},
	}
}

// Words are st's settings by label, for an audit entry's before and after.
func Words(st app.RFMSettings) map[string]string {
	out := map[string]string{}
	for _, s := range Describe(st) {
		out[s.Label] = s.Value
	}
	return out
}

func threshold[T int | int64](set T, words string) string {
	if set == 0 {
		return "使用品牌中位数"
	}
	return words
}

func yuan(cents int64) string { return fmt.Sprintf("¥%d.%02d", cents/100, cents%100) }
