package app

import "time"

// Order sources: where a sale was made. The same order number may occur
// in two sources; (source, order number) identifies an order.
const (
	OrderSourcePOS      = "pos"       // a store's till
	OrderSourceMall     = "mall"      // the brand's mini-program mall
	OrderSourceTmall    = "tmall"     // 天猫
	OrderSourceJD       = "jd"        // 京东
	OrderSourceDouyin   = "douyin"    // 抖音
	OrderSourceWeComPay = "wecom_pay" // WeCom 对外收款
	OrderSourceOther    = "other"
)

// Order kinds: a sale, or a refund (full or partial) of one, recorded as
// a record of its own that points at the sale.
const (
	OrderSale   = "sale"
	OrderRefund = "refund"
)

// Order is one sale or refund (订单). Amounts are integer cents; a
// refund's amount is negative. The member keys the source sent are kept,
// so an order that arrives before its member is linked when the member
// does; MemberID is nil until then.
type Order struct {
	ID          int64
	CorpID      int64
	Scope       int64 // the owner scope of the store's brand (Brand.Scope)
	Source      string
	OrderNo     string
	Kind        string
	RefundOfID  *int64 // a refund's sale
	StoreID     *int64
	GuideCode   string // the guide the till recorded, if any
	MemberID    *int64
	MemberNo    string
	UnionID     string `gorm:"column:unionid"`
	OpenID      string `gorm:"column:openid"`
	PhoneIndex  string
	AmountCents int64
	PaidAt      time.Time
	ContentHash string // what was sent, so a re-send is recognised and a different one refused
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// OrderItem is one line of an order.
type OrderItem struct {
	ID             int64
	CorpID         int64
	OrderID        int64
	Line           int
	SKU            string `gorm:"column:sku"`
	Name           string
	Quantity       int64
	UnitPriceCents int64
}

// OrderSources are the sources an order may come from, in the order
// pages offer them.
var OrderSources = []string{OrderSourcePOS, OrderSourceMall, OrderSourceTmall, OrderSourceJD, OrderSourceDouyin,
	OrderSourceWeComPay, OrderSourceOther}

// orderSourceLabels name the sources for people.
var orderSourceLabels = map[string]string{OrderSourcePOS: "门店收银", OrderSourceMall: "小程序商城", OrderSourceTmall: "天猫",
	OrderSourceJD: "京东", OrderSourceDouyin: "抖音", OrderSourceWeComPay: "企业微信对外收款", OrderSourceOther: "其他"}

// OrderSourceLabel names an order source in Chinese; an unknown one as it is.
func OrderSourceLabel(source string) string {
	if l, ok := orderSourceLabels[source]; ok {
		return l
	}
	return source
}

// OrderKindLabel names an order kind in Chinese; an unknown one as it is.
func OrderKindLabel(kind string) string {
	switch kind {
	case OrderSale:
		return "销售"
	case OrderRefund:
		return "退款"
	}
	return kind
}

// OrderKey identifies an order: the same number may be a sale and, on
// platforms that reuse it, its refund, and may recur in another source.
type OrderKey struct {
	Source  string
	Kind    string
	OrderNo string
}

// Key is the order's identity.
func (o *Order) Key() OrderKey { return OrderKey{Source: o.Source, Kind: o.Kind, OrderNo: o.OrderNo} }

// OrderInput is one order as a source sends it, before it is checked:
// the store by its code, the phone in clear (only its blind index is
// kept), the paid time as RFC 3339 text in any zone, a refund's sale by
// its order number in the same source (RefundOf). Kind "" is a sale.
// Amounts are pointers so that one left out is refused, not taken as 0.
type OrderInput struct {
	Source      string
	Kind        string
	OrderNo     string
	RefundOf    string
	StoreCode   string
	GuideCode   string
	MemberNo    string
	UnionID     string
	OpenID      string
	Phone       string
	AmountCents *int64
	PaidAt      string
	Items       []OrderItemInput
}

// OrderItemInput is one line of an OrderInput.
type OrderItemInput struct {
	SKU            string
	Name           string
	Quantity       int64
	UnitPriceCents *int64
}

// Outcomes of ingesting an order: written now, or already there with the
// same content (a re-send).
const (
	OrderCreated   = "created"
	OrderUnchanged = "unchanged"
)

// OrderResult is what ingesting one order did.
type OrderResult struct {
	ID      int64
	Outcome string
}

// OrderFilter selects a page of a corp's orders; every set field narrows.
// PaidFrom is included, PaidBefore not. MemberNo is the member number the
// order carries, as its source sent it.
type OrderFilter struct {
	Page
	StoreID    int64
	MemberID   int64
	MemberNo   string
	Source     string
	Kind       string
	PaidFrom   *time.Time
	PaidBefore *time.Time
}

// OrderDetail is an order with its lines; a sale with its refunds, a
// refund with its sale.
type OrderDetail struct {
	Order
	Items   []OrderItem
	Refunds []Order
	Sale    *Order
}
