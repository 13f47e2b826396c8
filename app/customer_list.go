package app

import (
	"context"
	"time"
)

// Owner statuses a console list filters by: the two an owner row holds,
// the customer whose owning guide has left (离职待继承), and the customer
// nobody owns yet.
const (
	OwnerFilterAssigned = "assigned"
	OwnerFilterPool     = "pool"
	OwnerFilterLeft     = "left"
	OwnerFilterNone     = "none"
)

// Welcome outcomes the customer list filters by: sent, skipped (they had
// chatted before, or the channel has no welcome) and failed (the code
// lapsed or WeCom refused it).
const (
	WelcomeFilterSent    = "sent"
	WelcomeFilterSkipped = "skipped"
	WelcomeFilterFailed  = "failed"
)

// WelcomeStatuses are the stored outcomes (Welcome*) a filter stands for.
var WelcomeStatuses = map[string][]string{
	WelcomeFilterSent:    {WelcomeSent},
	WelcomeFilterSkipped: {WelcomeNoCode, WelcomeNoTemplate},
	WelcomeFilterFailed:  {WelcomeExpired, WelcomeRefused},
}

// Customer list orders.
const (
	CustomerSortNewest = "new"
	CustomerSortOldest = "old"
	CustomerSortName   = "name"
)

// MaxSearchMatches bounds the customers one search term reaches through
// each of name and remark: a term that matches more asks for more
// characters rather than loading half the corp.
const MaxSearchMatches = 1000

// CustomerQuery selects a page of a corp's customers for the console.
// Every set field narrows the list; Q matches a name or a remark by
// prefix, or an external_userid exactly.
type CustomerQuery struct {
	CorpID  int64
	Q       string
	StoreID int64 // owning store
	// ScopeStoreID limits the list to a store manager's customers: those
	// the store owns or one of its guides follows.
	ScopeStoreID int64
	UserID       string
	TagID        string // marked by any member
	ChannelID    int64  // the channel of acquisition
	AddedFrom    *time.Time
	AddedBefore  *time.Time
	OwnerStatus  string // OwnerFilter*
	// DeletedFrom keeps customers with a relation ended (by either side)
	// since then: the 概览's deletions.
	DeletedFrom *time.Time
	// Welcome keeps customers whose welcome message had this outcome
	// (WelcomeFilter*) since WelcomeFrom: the 概览's welcome figures.
	Welcome     string
	WelcomeFrom *time.Time
	Sort        string // CustomerSort*; newest first by default
	Offset      int
	Limit       int
}

// CustomerListing is one row of the console's customer list: the customer,
// their current relations with tags, and their owner (nil when nobody owns
// them). A customer owned in several scopes appears once per scope.
type CustomerListing struct {
	CustomerFollows
	Owner     *Owner
	OwnerLeft bool // the owning guide has left (离职待继承)
}

// CustomerSearch reads the console's customer list: the page, and whether
// another page follows.
type CustomerSearch interface {
	SearchCustomers(ctx context.Context, q CustomerQuery) ([]CustomerListing, bool, error)
}
