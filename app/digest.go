package app

import "time"

// DigestSend is one daily digest (经营日报): the app message a store
// manager receives with their store's figures of Day (yyyy-mm-dd in the
// corp's zone) and a link to the dashboards. Unique per corp, day and
// manager: claimed once, whatever runs at once.
type DigestSend struct {
	ID      int64
	CorpID  int64
	Day     string
	UserID  string `gorm:"column:userid"`
	StoreID int64
	Status  string // DigestClaimed, DigestSent or DigestFailed
	// Title, Body and URL are the message as sent (a textcard), kept so a
	// retry after a crash sends the same request.
	Title     string
	Body      string
	URL       string `gorm:"column:url"`
	MsgID     string `gorm:"column:msgid"`
	Error     string
	Attempts  int
	CreatedAt time.Time
	SentAt    *time.Time
}

// Digest states: claimed (not yet taken by WeCom), sent, or failed for
// good (the manager cannot receive the app's messages).
const (
	DigestClaimed = "claimed"
	DigestSent    = "sent"
	DigestFailed  = "failed"
)
