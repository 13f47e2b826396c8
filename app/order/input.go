package order

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// Bounds on what one order may carry.
const (
	maxItems = 200
	// maxCents bounds an amount (a hundred billion yuan) so that sums of
	// many never overflow.
	maxCents = int64(1e13)
	// futureSlack is how far ahead of our clock a paid time may be: a
	// till's clock runs a little fast, an order paid tomorrow is a typo.
	futureSlack = 5 * time.Minute
)

// draft is one checked order, ready to be written.
type draft struct {
	order     app.Order
	items     []app.OrderItem
	storeCode string
	refundOf  string // a refund's sale, by its order number in the source
}

// saleKey is the key of a refund's sale.
func (d *draft) saleKey() app.OrderKey {
	return app.OrderKey{Source: d.order.Source, Kind: app.OrderSale, OrderNo: d.refundOf}
}

// normalize checks what can be told of in alone and returns it as a
// draft (store, scope and member are filled later), with every refused
// field at once.
func (s *Service) normalize(corpID int64, in app.OrderInput) (*draft, app.Fields) {
	var f app.Fields
	o := app.Order{CorpID: corpID, Source: strings.TrimSpace(in.Source), Kind: strings.TrimSpace(in.Kind),
		OrderNo: strings.TrimSpace(in.OrderNo), GuideCode: strings.TrimSpace(in.GuideCode), MemberNo: strings.TrimSpace(in.MemberNo),
		UnionID: strings.TrimSpace(in.UnionID), OpenID: strings.TrimSpace(in.OpenID)}
	if o.Kind == "" {
		o.Kind = app.OrderSale
	}
	d := &draft{refundOf: strings.TrimSpace(in.RefundOf), storeCode: strings.TrimSpace(in.StoreCode)}
	f.Check(!slices.Contains(app.OrderSources, o.Source), "source", "来源应为 "+sourceChoices())
	f.Check(o.Kind != app.OrderSale && o.Kind != app.OrderRefund, "kind", "类型应为 sale（销售）或 refund（退款）")
	text(&f, "order_no", "订单号", o.OrderNo, 64, true)
	text(&f, "guide_code", "导购编码", o.GuideCode, 64, false)
	text(&f, "member_no", "会员号", o.MemberNo, 64, false)
	text(&f, "unionid", "unionid", o.UnionID, 64, false)
	text(&f, "openid", "openid", o.OpenID, 64, false)
	text(&f, "store_code", "门店编码", d.storeCode, 32, false)
	if in.AmountCents != nil {
		o.AmountCents = *in.AmountCents
	}
	refund(&f, o.Kind, d.refundOf, in.AmountCents)
	o.PhoneIndex = s.phone(&f, in.Phone)
	o.PaidAt = s.paidAt(&f, in.PaidAt)
	d.items = items(&f, corpID, in.Items)
	d.order = o
	d.order.ContentHash = d.hash()
	return d, f
}

// refund checks what kind says of the amount (nil: left out) and the
// sale referred to.
func refund(f *app.Fields, kind, refundOf string, amount *int64) {
	cents := int64(0)
	if amount == nil {
		f.Add("amount_cents", "金额不能为空")
	} else {
		cents = *amount
		f.Check(cents > maxCents || cents < -maxCents, "amount_cents", "金额超出范围")
	}
	switch kind {
	case app.OrderSale:
		f.Check(cents < 0, "amount_cents", "金额不能为负数：退款请作为 refund 类型的订单发送")
		f.Check(refundOf != "", "refund_of", "销售订单不能填写原订单号")
	case app.OrderRefund:
		f.Check(amount != nil && cents >= 0, "amount_cents", "退款金额应为负数（如 -1990 表示退款 19.90 元）")
		if refundOf == "" {
			f.Add("refund_of", "退款须填写原订单号")
		} else {
			text(f, "refund_of", "原订单号", refundOf, 64, true)
		}
	}
}

// phone returns the blind index of a phone number, "" when none was sent.
func (s *Service) phone(f *app.Fields, raw string) string {
	if strings.TrimSpace(raw) == "" {
		return ""
	}
	p, ok := app.NormalizePhone(raw)
	if !ok {
		f.Add("phone", "手机号应为 11 位中国大陆手机号")
		return ""
	}
	return s.Index.Index(app.KeyPhone, p)
}

// paidAt reads an RFC 3339 time in any zone, as UTC to the millisecond
// (what the database keeps, so a re-send hashes the same).
func (s *Service) paidAt(f *app.Fields, raw string) time.Time {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		f.Add("paid_at", "支付时间不能为空")
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, raw)
	if err != nil {
		f.Add("paid_at", "支付时间应为 RFC 3339 格式，如 2024-05-01T12:30:00+08:00")
		return time.Time{}
	}
	t = t.UTC().Truncate(time.Millisecond)
	f.Check(t.After(s.Now().Add(futureSlack)), "paid_at", "支付时间不能晚于当前时间")
	f.Check(t.Year() < 2000, "paid_at", "支付时间不能早于 2000 年")
	return t
}

// items checks the lines of an order, numbered from 1 as sent.
func items(f *app.Fields, corpID int64, in []app.OrderItemInput) []app.OrderItem {
	if len(in) > maxItems {
		f.Add("items", fmt.Sprintf("一个订单最多 %d 行商品", maxItems))
		return nil
	}
	out := make([]app.OrderItem, len(in))
	for i, it := range in {
		p := fmt.Sprintf("items[%d].", i)
		out[i] = app.OrderItem{CorpID: corpID, Line: i + 1, SKU: strings.TrimSpace(it.SKU), Name: strings.TrimSpace(it.Name),
			Quantity: it.Quantity}
		if it.UnitPriceCents == nil {
			f.Add(p+"unit_price_cents", "单价不能为空（赠品请填 0）")
		} else {
			out[i].UnitPriceCents = *it.UnitPriceCents
		}
		f.Check(out[i].SKU == "" && out[i].Name == "", p+"sku", "商品编码和商品名称不能都为空")
		text(f, p+"sku", "商品编码", out[i].SKU, 64, false)
		text(f, p+"name", "商品名称", out[i].Name, 128, false)
		f.Check(it.Quantity <= 0 || it.Quantity > 1e9, p+"quantity", "数量应为正整数")
		f.Check(out[i].UnitPriceCents < 0, p+"unit_price_cents", "单价不能为负数")
		f.Check(out[i].UnitPriceCents > maxCents, p+"unit_price_cents", "单价超出范围")
	}
	return out
}

// text checks a text field: present when required, at most n characters,
// no control characters (a tab pasted from a spreadsheet).
func text(f *app.Fields, field, label, v string, n int, required bool) {
	switch {
	case v == "" && required:
		f.Add(field, label+"不能为空")
	case utf8.RuneCountInString(v) > n:
		f.Add(field, fmt.Sprintf("%s不能超过 %d 个字符", label, n))
	case strings.IndexFunc(v, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0:
		f.Add(field, label+"不能包含换行、制表符等控制字符")
	}
}

// sourceChoices lists the sources for a message.
func sourceChoices() string {
	parts := make([]string, len(app.OrderSources))
	for i, src := range app.OrderSources {
		parts[i] = src + "（" + app.OrderSourceLabel(src) + "）"
	}
	return strings.Join(parts, "、")
}
