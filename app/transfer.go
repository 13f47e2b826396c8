package app

import (
	"context"
	"time"
)

// Transfer modes: which WeCom API moves the customers. 在职继承
// (transfer_customer) works while the guide is still a member; 离职继承
// (resigned/transfer_customer) once WeCom has them as resigned.
const (
	TransferOnJob    = "on_job"
	TransferResigned = "resigned"
)

// Transfer rules: who takes each customer over.
const (
	TransferRoundRobin = "round_robin" // the active guides of the leaver's store in turn
	TransferToGuide    = "guide"       // one named active guide
)

// Transfer job statuses.
const (
	TransferRunning   = "running"
	TransferDone      = "done"      // every item and group settled
	TransferCancelled = "cancelled" // cancelled before anything was sent to WeCom
)

// Transfer item states. An item is pending until its batch is sent, sent
// while the call is under way, waiting for WeCom's 24 hours, then settled
// as succeeded, refused (the customer said no, or the 2-in-90-days limit),
// limit_exceeded (the takeover guide is full) or failed.
const (
	ItemPending       = "pending"
	ItemSent          = "sent"
	ItemWaiting       = "waiting"
	ItemSucceeded     = "succeeded"
	ItemRefused       = "refused"
	ItemLimitExceeded = "limit_exceeded"
	ItemFailed        = "failed"
	ItemCancelled     = "cancelled" // the transfer was cancelled before the item was sent
)

// Reasons an item did not succeed, as stored with it.
const (
	ReasonCustomerRefused = "customer_refused"      // transfer_fail / status 3
	ReasonTakeoverFull    = "customer_limit_exceed" // transfer_fail / status 4
	ReasonTooFrequent     = "too_frequent"          // 2 transfers in 90 days (40128)
	ReasonNoRecord        = "no_record"             // status 5: WeCom knows no such transfer
	ReasonWeCom           = "wecom_error"           // another errcode, stored with the item
)

// TransfersPer90Days is WeCom's cap on on-job transfers of one customer in
// 90 days (90 自然日内每位客户仅可被转接2次).
const TransfersPer90Days = 2

// Transfer is one hand-over of a guide's customers and groups (继承).
type Transfer struct {
	ID          int64
	CorpID      int64
	Mode        string
	Rule        string
	FromUserID  string `gorm:"column:from_userid"`
	FromStoreID int64
	ToUserID    string `gorm:"column:to_userid"` // the named guide; empty for round-robin
	Message     string // transfer_success_msg, on-job only
	Status      string
	Actor       string // who started it, for the history rows it writes
	CreatedAt   time.Time
	UpdatedAt   time.Time
	FinishedAt  *time.Time
	Counts      map[string]int `gorm:"-"` // items by state
}

// TransferItem is one customer of a transfer.
type TransferItem struct {
	ID             int64
	CorpID         int64
	TransferID     int64
	ExternalUserID string `gorm:"column:external_userid"`
	FromUserID     string `gorm:"column:from_userid"`
	ToUserID       string `gorm:"column:to_userid"`
	ToStoreID      int64
	State          string
	ErrCode        int `gorm:"column:errcode"`
	Reason         string
	Flagged        bool // needs someone to follow up
	Batch          int  // the send call it went in, 1-based
	SentAt         *time.Time
	TakeoverAt     *time.Time
	SettledAt      *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Transfer group states.
const (
	GroupPending   = "pending"
	GroupSent      = "sent" // the call is under way
	GroupSucceeded = "succeeded"
	GroupFailed    = "failed"
	GroupCancelled = "cancelled"
)

// TransferGroup is one group chat the leaver owned, handed to a new owner.
type TransferGroup struct {
	ID         int64
	CorpID     int64
	TransferID int64
	ChatID     string
	ToUserID   string `gorm:"column:to_userid"`
	State      string
	ErrCode    int `gorm:"column:errcode"`
	ErrMsg     string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// StartTransfer asks for a transfer. Mode empty picks it from the guide's
// status (left → resigned). ToUserID is required by the guide rule only.
type StartTransfer struct {
	CorpID   int64
	UserID   string // the guide leaving or moving
	Mode     string
	Rule     string
	ToUserID string
	Message  string
	// By is who asks; a store manager may only hand over guides of their
	// own store, to guides of that store.
	By Principal
	// Expect is the Digest of the preview the caller confirmed; when set,
	// a plan that came out otherwise (a customer added or a guide left
	// since) is refused, so nothing starts that nobody saw.
	Expect string
}

// TransferPreview is what a transfer would do, laid out exactly as
// StartTransfer would store it, but neither stored nor sent.
type TransferPreview struct {
	Mode        string
	Rule        string
	FromUserID  string
	FromStoreID int64
	ToUserID    string
	Message     string
	FromLeft    bool // the guide is marked left in Siyu
	Takers      []TakerPreview
	Items       []TransferItem  // one per customer, in the order stored
	Groups      []TransferGroup // one per group chat
	// Digest fingerprints the plan (who goes to whom, what is refused):
	// StartTransfer's Expect.
	Digest string
}

// TakerPreview is what one takeover guide would receive.
type TakerPreview struct {
	UserID    string
	StoreID   int64
	Customers int // to be sent to WeCom
	Refused   int // refused up front: WeCom's 2-in-90-days limit
	Groups    int
}

// TransferQuery selects transfers for the console: newest first, Offset
// and Limit paged; each set field narrows it. By limits a store manager
// to their store's transfers whatever StoreID says.
type TransferQuery struct {
	CorpID        int64
	By            Principal
	StoreID       int64
	UserID        string // the guide handing over
	Mode          string
	Rule          string
	Status        string
	Offset, Limit int
}

// TransferFail is a transfer_fail callback: WeCom names the takeover
// member and the customer.
type TransferFail struct {
	CorpID         int64
	TakeoverUserID string
	ExternalUserID string
	Reason         string // customer_refused | customer_limit_exceed
	At             time.Time
}

// TransferFilter selects a page of a transfer's items; State narrows it.
type TransferFilter struct {
	Page
	State string
}

// TransferService hands guides' customers and groups over.
type TransferService interface {
	StartTransfer(ctx context.Context, req StartTransfer) (*Transfer, error)
	PreviewTransfer(ctx context.Context, req StartTransfer) (*TransferPreview, error)
	SearchTransfers(ctx context.Context, q TransferQuery) (list []Transfer, more bool, err error)
	ListTransfers(ctx context.Context, corpID int64, by Principal, p Page) ([]Transfer, int64, error)
	FindTransfer(ctx context.Context, corpID, id int64, by Principal) (*Transfer, []TransferGroup, error)
	ListTransferItems(ctx context.Context, corpID, id int64, by Principal, f TransferFilter) ([]TransferItem, int64, error)
	CancelTransfer(ctx context.Context, corpID, id int64, by Principal) (*Transfer, error)
}
