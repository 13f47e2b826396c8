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
