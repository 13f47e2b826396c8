// Package touch keeps the touch ledger (触点): every chat-linked contact
// with a customer, one row per source event, for attribution to read. It
// records what WeCom reports (a customer adding a guide, joining a group)
// as a subscriber of the event registry, what other capabilities do (a
// welcome sent, an owner changed, tags a guide set) when they call
// Record inside their own transaction, and the clicks on guides' share
// links (/s/<code>).
package touch

import (
	"context"
	"log/slog"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Store keeps the ledger and the share links (app/db's TouchStore);
// touch is their only writer.
type Store interface {
	AppendTouches(ctx context.Context, ts []app.Touch) error
	TouchesOf(ctx context.Context, corpID int64, externalUserID string, limit int) ([]app.Touch, error)
	ListTouches(ctx context.Context, corpID int64, f app.TouchFilter) ([]app.Touch, int64, error)
	CreateShareLink(ctx context.Context, l *app.ShareLink) error
	FindShareLink(ctx context.Context, code string) (*app.ShareLink, error)
	CountClick(ctx context.Context, corpID, id int64) error
	ListShareLinks(ctx context.Context, corpID int64, userID string, p app.Page) ([]app.ShareLink, int64, error)
}

// Org tells a guide's store and a store's owner scope (app/db's OrgStore).
type Org interface {
	GuidesByUserID(ctx context.Context, corpID int64, userIDs []string) (map[string]app.Guide, error)
	StoreScope(ctx context.Context, corpID int64, storeID *int64) (int64, error)
}

// Channels finds the channel an add's state names (app/db's ChannelStore).
type Channels interface {
	FindChannelByState(ctx context.Context, corpID int64, state string) (*app.Channel, error)
}

// Groups tells the state each member joined a customer group with, and
// the group's owner (the directory's mirror).
type Groups interface {
	GroupOwner(ctx context.Context, corpID int64, chatID string) (string, error)
	GroupMembersOf(ctx context.Context, corpID int64, chatID string, memberIDs []string) ([]app.GroupMember, error)
}

// Deps are what the touch ledger is built from; Members and Groups may be
// nil.
type Deps struct {
	Tx       app.Transactor
	Store    Store
	Org      Org
	Channels Channels
	Groups   Groups
	Members  app.MemberMatcher
	Log      *slog.Logger
}

// Service is the touch ledger.
type Service struct {
	Deps
	now func() time.Time
}

// New returns a Service on d.
func New(d Deps) *Service {
	return &Service{Deps: d, now: func() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }}
}
