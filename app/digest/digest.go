// Package digest sends each store manager a daily digest (经营日报): one
// WeCom app message a day with their store's figures of the day before,
// read from the daily aggregates, and a link to the dashboards. Each
// message has a ledger row unique per corp, day and manager, claimed
// before it is sent, so several schedulers (or a run retried after a
// crash) send it once; it takes a place in the per-member app-message
// pace the reminders share, since WeCom silently drops a member's
// messages beyond 30 a minute or 1,000 an hour. digest is the only
// writer of digest_sends.
package digest

import (
	"context"
	"log/slog"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// Store keeps the ledger (app/db's DigestStore).
type Store interface {
	// Claim writes d; false when the manager's digest of the day exists.
	Claim(ctx context.Context, d *app.DigestSend) (bool, error)
	// Claimed returns which managers already have a digest of day.
	Claimed(ctx context.Context, corpID int64, day string) (map[string]bool, error)
	// Unsent returns digests claimed before claimedBefore (or tried) that
	// WeCom has not taken.
	Unsent(ctx context.Context, corpID int64, claimedBefore time.Time, limit int) ([]app.DigestSend, error)
	// Mark records a send's outcome.
	Mark(ctx context.Context, corpID, id int64, status, msgID, cause string, sentAt *time.Time) error
}

// Guides lists a corp's guides (the store managers among them get a digest).
type Guides interface {
	ListGuides(ctx context.Context, corpID int64, f app.GuideFilter) ([]app.Guide, int64, error)
	StoresByID(ctx context.Context, corpID int64, ids []int64) (map[int64]app.Store, error)
}

// Pace admits one app message to a member (app/kv's Pace, shared with
// the reminders: WeCom's limit is per member, whatever the message).
type Pace interface {
	Take(ctx context.Context, corpID int64, userID string, now time.Time) (bool, error)
}

// Messenger sends app messages as a corp's self-built app.
type Messenger interface {
	SendAppMessage(ctx context.Context, m wecom.AppMessage) (*wecom.AppMessageResult, error)
}

// Messengers hands out a corp's app-message sender.
type Messengers interface {
	Messenger(ctx context.Context, corpID int64) (Messenger, error)
}

// Corps reads a corp's time zone.
type Corps interface {
	FindCorpByID(ctx context.Context, id int64) (*app.Corp, error)
}

// Deps are what the digest is built from.
type Deps struct {
	Store      Store
	Stats      app.StatsReader
	Guides     Guides
	Pace       Pace
	Messengers Messengers
	Corps      Corps
	// URL is Siyu's public base URL ("" sends the digest as plain text,
	// without a link to the dashboards).
	URL func() string
	// Hour is the local hour from which the day before is sent (the
	// aggregates of a day are complete a few minutes after midnight).
	Hour int
	// Now is the clock (time.Now if nil).
	Now func() time.Time
	Log *slog.Logger
}

// Service is the daily digest.
type Service struct{ Deps }

// New returns a Service on d.
func New(d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.URL == nil {
		d.URL = func() string { return "" }
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	return &Service{Deps: d}
}
