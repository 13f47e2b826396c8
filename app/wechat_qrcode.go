package app

import "time"

// Kinds of 公众号 parametric QR code: whom a scan is credited to.
const (
	WeChatQRStore    = "store"    // a store's code, on its counter
	WeChatQRGuide    = "guide"    // one guide's code: temporary by default
	WeChatQRCampaign = "campaign" // a campaign's, of a store or of none
)

// 公众号 QR code statuses. A code is creating from the moment its row
// exists (so it counts against the cap at once) until WeChat's ticket is
// recorded; failed when WeChat's answer was lost, so WeChat may have made
// it: a failed permanent code keeps counting.
const (
	WeChatQRCreating = "creating"
	WeChatQRActive   = "active"
	WeChatQRFailed   = "failed"
)

// WeChat's limits on parametric QR codes.
const (
	// WeChatPermanentQRMax is how many permanent codes one account may
	// ever make (QR_LIMIT_SCENE / QR_LIMIT_STR_SCENE); they are never
	// reclaimed.
	WeChatPermanentQRMax = 100_000
	// WeChatTemporaryQRMaxDays is the longest a temporary code lives.
	WeChatTemporaryQRMaxDays = 30
)

// WeChatQRCode is a parametric QR code of a 公众号 for a store, a guide or
// a campaign. Scene, the code's scene_str, is short and opaque: the
// subscribe or SCAN event carries it back and Siyu finds the code by it.
type WeChatQRCode struct {
	ID        int64
	CorpID    int64
	AppID     int64 // the WeChatApp's id
	Kind      string
	StoreID   *int64
	UserID    string `gorm:"column:userid"`
	Campaign  string
	Scene     string
	Permanent bool
	ExpiresAt *time.Time // temporary codes only, UTC
	Ticket    string
	URL       string `gorm:"column:url"` // what the image encodes
	Status    string
	CreatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Expired reports whether a temporary code no longer works at now.
func (q *WeChatQRCode) Expired(now time.Time) bool {
	return q.ExpiresAt != nil && !now.Before(*q.ExpiresAt)
}
