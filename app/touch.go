package app

import "time"

// Kinds of touch (触点). Later capabilities add theirs (mass-send
// delivered, SOP step done, referral help, coupon issued, 公众号 events).
const (
	TouchAdd        = "add"         // the customer added a guide (channel, state)
	TouchWelcome    = "welcome"     // the welcome message went out
	TouchOwner      = "owner"       // the customer's owner changed (assignment, transfer)
	TouchTag        = "tag"         // a guide changed the customer's tags
	TouchPanelSend  = "panel_send"  // a guide sent content from the side panel (self-reported)
	TouchGroupJoin  = "group_join"  // the customer joined a customer group
	TouchShareClick = "share_click" // someone opened a guide's share link
	TouchMassSend   = "masssend"    // a mass send reached the customer (WeCom reports it sent)
	TouchReferral   = "referral"    // a referral help was credited: the invitee stayed through the hold

	// 公众号 events, recorded against the follower's member and the store
	// or guide of the parametric QR code they came through.
	TouchOASubscribe   = "oa_subscribe"   // followed the 公众号 (through a code: its scene)
	TouchOAScan        = "oa_scan"        // a follower scanned a parametric code
	TouchOAUnsubscribe = "oa_unsubscribe" // stopped following
	TouchOAClick       = "oa_click"       // clicked a menu item (its key)
	TouchOAView        = "oa_view"        // opened a menu link (its URL)
	TouchOATemplate    = "oa_template"    // a template message reached them (or failed to)
)

// Touch is one chat-linked contact with a customer, in an append-only
// ledger: exactly one row per source event (SourceID is unique in the
// corp), whatever retries deliver it again. Attribution reads it.
type Touch struct {
	ID             int64
	CorpID         int64
	Kind           string
	SourceID       string
	ExternalUserID string `gorm:"column:external_userid"`
	MemberID       *int64
	UserID         string `gorm:"column:userid"` // the guide
	StoreID        *int64
	ChannelID      *int64
	State          string
	SelfReported   bool   // a guide said so; WeCom did not confirm it
	Detail         string // JSON, for the explanation
	At             time.Time
	CreatedAt      time.Time
}

// ShareLink is a trackable link a guide shares (/s/<code>): opening it
// logs a share_click touch for the guide and redirects to Target.
type ShareLink struct {
	ID        int64
	CorpID    int64
	Code      string // short and opaque: it says nothing about the guide
	UserID    string `gorm:"column:userid"`
	StoreID   *int64
	Target    string
	Title     string
	Clicks    int64
	CreatedBy string
	CreatedAt time.Time
}

// TouchFilter selects a page of a corp's touches; every set field narrows.
type TouchFilter struct {
	Page
	Kind           string
	ExternalUserID string
	UserID         string
	MemberID       int64
}
