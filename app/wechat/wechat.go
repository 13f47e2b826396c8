// Package wechat runs the brand's 公众号 (WeChat Official Accounts): it
// registers each account of a corp, makes parametric QR codes for a
// store, a guide or a campaign (permanent ones counted against WeChat's
// 100,000 per account), serves their images, and turns the account's
// events — follows and scans through a code, unfollows, menu taps,
// template message results — into touches carrying the follower's member
// and the store or guide of the code. Events reach it through the event
// registry, each at least once; the touch ledger's source key and the
// members' idempotent upsert keep every effect single.
package wechat

import (
	"context"
	"log/slog"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// Account is what Siyu asks of a 公众号 (wecom.OfficialAccount).
type Account interface {
	CreateQRCode(ctx context.Context, r wecom.OAQRRequest) (*wecom.OAQRCode, error)
	QRImage(ctx context.Context, ticket string) ([]byte, error)
	UserInfo(ctx context.Context, openID string) (*wecom.OAUser, error)
}

// Accounts hands out the client of a corp's 公众号 (wecom.OANarrowed).
type Accounts interface {
	Client(ctx context.Context, corpID, id int64) (Account, error)
}

// Options tune a Service; the zero value is usable.
type Options struct {
	// PermanentCap is how many permanent codes one account may have
	// (app.WeChatPermanentQRMax when zero, never more).
	PermanentCap int
	// GuideDays is how long a temporary code lives unless asked otherwise
	// (app.WeChatTemporaryQRMaxDays when zero).
	GuideDays int
	// Now is the clock codes expire by (time.Now when nil).
	Now func() time.Time
	// Log hears what the event handlers skip.
	Log *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.PermanentCap <= 0 || o.PermanentCap > app.WeChatPermanentQRMax {
		o.PermanentCap = app.WeChatPermanentQRMax
	}
	if o.GuideDays <= 0 || o.GuideDays > app.WeChatTemporaryQRMaxDays {
		o.GuideDays = app.WeChatTemporaryQRMaxDays
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

// Deps are what the 公众号 capability is built from.
type Deps struct {
	Tx       app.Transactor
	Apps     Apps
	Codes    Codes
	Accounts Accounts
	Members  Members
	Touches  Touches
	Org      Org
	Audit    Auditor
}

// Service is the 公众号 capability.
type Service struct {
	Deps
	opts Options
}

// New returns a Service on d.
func New(d Deps, o Options) *Service { return &Service{Deps: d, opts: o.withDefaults()} }

// now is the service's clock in UTC, to the millisecond the database keeps.
func (s *Service) now() time.Time { return s.opts.Now().UTC().Truncate(time.Millisecond) }
