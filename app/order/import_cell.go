package order

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Words a spreadsheet may use for an order's source and kind; anything
// else is kept as written, for the check to refuse by name.
var (
	sourceWords = map[string]string{"门店": app.OrderSourcePOS, "门店收银": app.OrderSourcePOS, "收银": app.OrderSourcePOS, "线下": app.OrderSourcePOS,
		"小程序": app.OrderSourceMall, "小程序商城": app.OrderSourceMall, "商城": app.OrderSourceMall, "天猫": app.OrderSourceTmall,
		"京东": app.OrderSourceJD, "抖音": app.OrderSourceDouyin, "企业微信对外收款": app.OrderSourceWeComPay, "对外收款": app.OrderSourceWeComPay,
		"企业微信": app.OrderSourceWeComPay, "其他": app.OrderSourceOther}
	kindWords = map[string]string{"销售": app.OrderSale, "销售单": app.OrderSale, "退款": app.OrderRefund, "退款单": app.OrderRefund, "退货": app.OrderRefund}
)

// word maps a spreadsheet's word for a value to the value.
func word(v string, words map[string]string) string {
	if w, ok := words[v]; ok {
		return w
	}
	return strings.ToLower(v)
}

// cellCents reads an amount in yuan as people write it (128.5, ¥1,280.00,
// -19.9) as exact cents; nil when the cell is blank. A number Excel
// stored as 19.900000000000002 is 1990 cents; 19.999 is refused.
func cellCents(f *app.Fields, field, label, v string) *int64 {
	v = strings.NewReplacer(",", "", "，", "", "¥", "", "￥", "", "元", "", " ", "").Replace(v)
	if v == "" {
		return nil
	}
	x, err := strconv.ParseFloat(v, 64)
	c := math.Round(x * 100)
	switch {
	case err != nil || math.IsInf(x, 0) || math.IsNaN(x):
		f.Add(field, label+"应为以元为单位的数字，如 128.50")
	case math.Abs(x*100-c) > 1e-6*math.Max(1, math.Abs(c)):
		f.Add(field, label+"最多两位小数（精确到分）")
	case math.Abs(c) > float64(maxCents):
		f.Add(field, label+"超出范围")
	default:
		n := int64(c)
		return &n
	}
	return nil
}

// cellQuantity reads a positive whole quantity; 0 (refused by the check)
// when the cell is blank.
func cellQuantity(f *app.Fields, v string) int64 {
	if v == "" {
		return 0
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || x != math.Trunc(x) || x < 1 || x > 1e9 {
		f.Add("quantity", "数量应为正整数")
		return 0
	}
	return int64(x)
}

// timeLayouts are how spreadsheets write a paid time without a zone.
var timeLayouts = []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006/1/2 15:04:05", "2006/1/2 15:04", "2006-01-02T15:04:05",
	"2006-01-02"}

// excelEpoch is day 0 of Excel's date serial numbers (1900 date system,
// with its leap-year bug already accounted for after 1 March 1900).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// cellTime reads a paid time as RFC 3339 text: one with a zone as it is,
// one without in the corp's zone loc, an Excel date cell (a serial
// number of days) in loc too; "" when blank or unreadable (refused).
func cellTime(f *app.Fields, v string, loc *time.Location) string {
	if v == "" {
		return ""
	}
	if _, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return v
	}
	for _, layout := range timeLayouts {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t.Format(time.RFC3339Nano)
		}
	}
	if days, err := strconv.ParseFloat(v, 64); err == nil && days > 1 && days < 2958466 {
		wall := excelEpoch.Add(time.Duration(math.Round(days*86400*1000)) * time.Millisecond)
		return time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), wall.Nanosecond(), loc).Format(time.RFC3339Nano)
	}
	f.Add("paid_at", "支付时间应写作 2024-05-01 12:30:00（企业所在时区），或带时区的 2024-05-01T12:30:00+08:00")
	return ""
}
