package app

import (
	"context"
	"log/slog"
	"time"
)

// CustomerAdd is an add_external_contact event as assignment and welcome
// need it: the member the customer added, the contact way state (a
// channel's), and the welcome code WeCom gives for the first 20 seconds
// (empty when they had already chatted).
type CustomerAdd struct {
	CorpID         int64
	UserID         string
	ExternalUserID string
	State          string
	WelcomeCode    string
	EventKey       string    // the event's dedupe key: one decision per add
	At             time.Time // WeCom's time of the add
	// ReceivedAt is when Siyu received the add, on its own clock: WeCom's
	// welcome code lasts 20 seconds from about then.
	ReceivedAt time.Time
}

// LogValue names the add in logs without its welcome code, which stands
// for the right to greet the customer while it lasts.
func (a CustomerAdd) LogValue() slog.Value {
	return slog.GroupValue(slog.Int64("corp", a.CorpID), slog.String("userid", a.UserID),
		slog.String("external_userid", a.ExternalUserID), slog.String("event", a.EventKey))
}

// Owner statuses of a customer in a scope.
const (
	OwnerAssigned = "assigned"
	OwnerPool     = "pool" // waiting for a store or guide (公海)
)

// Owner is who owns a customer (归属导购) and their home store (归属门店)
// in one scope: the corp's shared pool (Scope 0) or a brand that keeps its
// customers apart (Scope = the brand's id).
type Owner struct {
	CorpID         int64  `gorm:"primaryKey"`
	Scope          int64  `gorm:"primaryKey"`
	ExternalUserID string `gorm:"column:external_userid;primaryKey"`
	UserID         string `gorm:"column:userid"` // empty while pooled without a guide
	StoreID        *int64
	ChannelID      *int64 // the channel of acquisition
	Status         string
	AssignedAt     time.Time
	UpdatedAt      time.Time
}

// Assignment rules, named in every audit record.
const (
	RuleSticky      = "sticky"       // a returning customer keeps an active owner
	RuleChannelUser = "channel_user" // the guide the channel belongs to, or the one added
	RuleRoundRobin  = "round_robin"
	RuleLeastLoaded = "least_loaded"
	RuleBackup      = "backup"     // everyone else was off shift or capped
	RuleHomeStore   = "home_store" // the store the customer belonged to before
	RuleAddedGuide  = "added_guide"
	RulePool        = "pool"
	RuleNearest     = "nearest_store"
	RuleTransfer    = "transfer"
	RuleManual      = "manual"
)

// Assignment is one decision about a customer's owner, kept forever: the
// per-customer history managers and guides see.
type Assignment struct {
	ID             int64
	CorpID         int64
	Scope          int64
	ExternalUserID string `gorm:"column:external_userid"`
	FromUserID     string `gorm:"column:from_userid"`
	ToUserID       string `gorm:"column:to_userid"`
	FromStoreID    *int64
	ToStoreID      *int64
	ChannelID      *int64
	Rule           string
	Reason         string // Chinese, for people
	Actor          string // "system:assign", "user:<id>", "staff:<userid>"
	EventKey       string // what caused it, unique per corp
	CreatedAt      time.Time
}

// Welcome send outcomes.
const (
	WelcomeSending    = "sending" // claimed; a retry finds the code spent
	WelcomeSent       = "sent"
	WelcomeNoCode     = "no_code"     // they had chatted before: nothing to send
	WelcomeNoTemplate = "no_template" // the channel has no welcome message
	WelcomeExpired    = "expired"     // the 20-second code lapsed or was spent
	WelcomeRefused    = "refused"     // WeCom refused it for good
)

// WelcomeSend records what became of one add's welcome message.
type WelcomeSend struct {
	ID             int64
	CorpID         int64
	EventKey       string
	UserID         string `gorm:"column:userid"`
	ExternalUserID string `gorm:"column:external_userid"`
	ChannelID      *int64
	Status         string
	Fence          int64      // raised by each claim; only its holder records the outcome
	LeaseUntil     *time.Time // while sending: the holder's time to send and record
	Content        string
	Error          string
	SentAt         *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// OwnerMove hands one customer from a guide to another, decided outside
// assignment (a transfer): Key names the cause, one move per key.
type OwnerMove struct {
	CorpID         int64
	ExternalUserID string
	FromUserID     string
	FromStoreID    *int64 // the leaver's store, for a customer nobody owned yet
	ToUserID       string
	ToStoreID      int64
	Rule           string
	Reason         string // Chinese, for people
	Actor          string
	Key            string
	At             time.Time
}

// AssignService decides and records owners.
type AssignService interface {
	// OnboardAdd runs what an add sets off, once per event however often
	// it is called: the owner decision, the welcome message, the
	// channel's tags. read reports that the customer's details were read
	// from WeCom on the way (a welcome naming them), so the add's own read
	// need not run again.
	OnboardAdd(ctx context.Context, a CustomerAdd) (read bool, err error)
	// AssignPool gives pooled customers of corpID a store and guide.
	AssignPool(ctx context.Context, corpID int64, at time.Time) (int, error)
	// AssignManually gives pooled customers to the guide userID, as the
	// console user by decided, and returns how many are now theirs.
	AssignManually(ctx context.Context, corpID int64, by Principal, externalUserIDs []string, userID string) (int, error)
	// History lists a customer's assignments, oldest first.
	History(ctx context.Context, corpID int64, externalUserID string) ([]Assignment, error)
	// OwnerOf returns the customer's owners, one per scope.
	OwnerOf(ctx context.Context, corpID int64, externalUserID string) ([]Owner, error)
}

// DailyAdds is how many new customers one guide took through one channel
// on one day (YYYY-MM-DD, the corp's zone).
type DailyAdds struct {
	Day    string
	UserID string `gorm:"column:userid"`
	Adds   int
}
