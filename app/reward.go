package app

import (
	"context"
	"io"
	"time"
)

// Reward kinds: how one unit reaches the person it is granted to.
const (
	RewardCoupon = "coupon" // a code from the pool the brand imported
	RewardPoints = "points" // points credited to the member record
	RewardGift   = "gift"   // handed over in store by the guide (a task)
)

// RewardKindNames are the kinds as people read them.
var RewardKindNames = map[string]string{RewardCoupon: "优惠券", RewardPoints: "积分", RewardGift: "到店礼品"}

// Reward statuses: a paused reward is kept (its grants stay listed) but
// grants nothing more.
const (
	RewardActive = "active"
	RewardPaused = "paused"
)

// EOUTOFSTOCK is the code of a grant refused because the reward has no
// unit left (奖品已发完): the caller keeps the help and may grant later,
// after stock is added.
const EOUTOFSTOCK = "out_of_stock"

// ErrOutOfStock is what Grant returns when no unit is left.
func ErrOutOfStock() error { return Errorf(EOUTOFSTOCK, "奖品已发完") }

// Reward is something a brand hands out (奖品): to referral inviters
// first, later to anyone a capability rewards. Money is integer cents:
// CostCents is what one unit costs the brand, for cost-per-new-friend
// figures. StockLeft never goes below zero; for a coupon it is the
// imported codes nobody claimed yet.
type Reward struct {
	ID         int64     `json:"id"`
	CorpID     int64     `json:"-"`
	Name       string    `json:"name"`
	Kind       string    `json:"kind"`
	Points     int64     `json:"points"`
	CostCents  int64     `json:"cost_cents"`
	StockTotal int64     `json:"stock_total"`
	StockLeft  int64     `json:"stock_left"`
	Status     string    `json:"status"`
	CreatedBy  string    `json:"-"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// RewardUpdate changes a reward: nil fields are kept. AddStock adds units
// to a points or gift reward (a coupon's stock comes from imported codes).
type RewardUpdate struct {
	Name      *string
	CostCents *int64
	Status    *string
	AddStock  int64
}

// Grant statuses. A gift waits for its guide (pending_handover) until
// the guide's task is done (handed_over); other kinds are granted at once.
const (
	GrantGranted         = "granted"
	GrantPendingHandover = "pending_handover"
	GrantHandedOver      = "handed_over"
)

// RewardGrant is one unit of a reward handed to one person, once per
// caller key: the same key never takes a second unit.
type RewardGrant struct {
	ID       int64 `json:"id"`
	CorpID   int64 `json:"-"`
	RewardID int64 `json:"reward_id"`
	// Key is the caller's idempotency key (e.g. "rf:12:t2:m55"), unique
	// per corp.
	Key            string `json:"key" gorm:"column:grant_key"`
	MemberID       *int64 `json:"member_id,omitempty"`
	ExternalUserID string `json:"external_userid,omitempty" gorm:"column:external_userid"`
	// UserID is the guide who hands a gift over.
	UserID string `json:"userid,omitempty" gorm:"column:userid"`
	// Code is the coupon code claimed for this grant.
	Code string `json:"code,omitempty"`
	// TaskID is the gift's guide task (交付奖励).
	TaskID    *int64    `json:"task_id,omitempty"`
	Status    string    `json:"status"`
	Reason    string    `json:"reason,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	// HandedAt is when the gift's task was done (read only).
	HandedAt *time.Time `json:"handed_at,omitempty" gorm:"->;column:handed_at"`
}

// GrantRequest asks for one unit of a reward for one person. Key makes it
// idempotent; a points reward needs MemberID, a gift UserID (the guide)
// and ExternalUserID (the customer the guide hands it to).
type GrantRequest struct {
	CorpID         int64
	RewardID       int64
	Key            string
	MemberID       *int64
	ExternalUserID string
	UserID         string
	Reason         string
}

// CodeImport is what importing coupon codes did: the codes added, and
// every line refused or skipped (blank lines are ignored).
type CodeImport struct {
	Added   int        `json:"added"`
	Skipped []CodeLine `json:"skipped"`
}

// CodeLine is one line of an import that was not added, and why.
type CodeLine struct {
	Line   int    `json:"line"`
	Code   string `json:"code"`
	Reason string `json:"reason"`
}

// RewardService keeps rewards and grants them (app/reward); every method
// is scoped by corp.
type RewardService interface {
	CreateReward(ctx context.Context, r *Reward) error
	UpdateReward(ctx context.Context, corpID, id int64, u RewardUpdate) (*Reward, error)
	FindReward(ctx context.Context, corpID, id int64) (*Reward, error)
	ListRewards(ctx context.Context, corpID int64, p Page) ([]Reward, int64, error)
	ImportCodes(ctx context.Context, corpID, rewardID int64, lines io.Reader) (*CodeImport, error)
	// Grant hands one unit to one person, once per key: the same key
	// again returns the first grant. No unit left is EOUTOFSTOCK.
	Grant(ctx context.Context, req GrantRequest) (*RewardGrant, error)
	ListGrants(ctx context.Context, corpID, rewardID int64, p Page) ([]RewardGrant, int64, error)
}

// PointsCredit adds points to a member once per key (app/member).
type PointsCredit struct {
	CorpID   int64
	MemberID int64
	Points   int64
	Key      string
	Reason   string
}
