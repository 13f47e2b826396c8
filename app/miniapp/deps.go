// Package miniapp is the consumer's side of Siyu: the corps'
// mini-programs (小程序), consumers logging in through them into a
// session Siyu keeps, binding their phone, reading their member record
// and guide, and the one-time subscribe consents notices spend.
package miniapp

import (
	"context"
	"log/slog"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// Store keeps the corps' mini-programs (app/db's MiniAppStore); miniapp
// is their only writer.
type Store interface {
	CreateMiniApp(ctx context.Context, a *app.MiniApp) error
	UpdateMiniApp(ctx context.Context, a *app.MiniApp) error
	FindMiniApp(ctx context.Context, corpID, id int64) (*app.MiniApp, error)
	FindMiniAppByAppID(ctx context.Context, appid string) (*app.MiniApp, error)
	ListMiniApps(ctx context.Context, corpID int64, p app.Page) ([]app.MiniApp, int64, error)
}

// Consents keeps subscribe consents (app/db's MiniAppStore).
type Consents interface {
	AddConsents(ctx context.Context, cs []app.MiniConsent) error
	SpentConsent(ctx context.Context, corpID int64, key string) (*app.MiniConsent, error)
	ClaimConsent(ctx context.Context, c app.MiniConsent, openIDs []string, key string, at time.Time) (*app.MiniConsent, error)
	FinishConsent(ctx context.Context, corpID, id int64, sent bool) error
	ReleaseConsent(ctx context.Context, corpID, id int64) error
}

// Client is what miniapp asks of one mini-program (*wecom.MiniProgram).
type Client interface {
	Code2Session(ctx context.Context, jsCode string) (*wecom.MiniSession, error)
	PhoneNumber(ctx context.Context, code string) (*wecom.MiniPhone, error)
	SendSubscribe(ctx context.Context, msg wecom.SubscribeMessage) error
}

// Clients hands out a mini-program's client (wecom.MiniPrograms).
type Clients interface {
	Client(ctx context.Context, corpID, id int64) (Client, error)
}

// Sessions keeps consumer sessions where every instance reads them
// (Redis), each expiring after its TTL.
type Sessions interface {
	SaveSession(ctx context.Context, token string, s app.MiniSession) error
	// Session is the session of token; unauthorized when none is live.
	Session(ctx context.Context, token string) (*app.MiniSession, error)
	DropSession(ctx context.Context, token string) error
}

// Members finds and updates consumers' member records (app/member; the
// composition root adapts its Upsert).
type Members interface {
	// Consumer upserts the member holding openID (and unionID, when
	// known) among brand's members ("" for the shared pool).
	Consumer(ctx context.Context, corpID int64, brand, openID, unionID string) (int64, error)
	// BindPhone gives that member a phone WeChat verified, by the member
	// rules (another record with the phone merges or goes to review).
	BindPhone(ctx context.Context, corpID int64, brand, openID, unionID, phone string) (int64, error)
	// Find returns member id, following merges.
	Find(ctx context.Context, corpID, id int64) (*app.Member, error)
	IdentitiesOf(ctx context.Context, corpID, memberID int64) ([]app.MemberIdentity, error)
}

// Org reads brands, stores and guides (app/db's OrgStore).
type Org interface {
	FindBrand(ctx context.Context, corpID, id int64) (*app.Brand, error)
	FindBrandByName(ctx context.Context, corpID int64, name string) (*app.Brand, error)
	FindStore(ctx context.Context, corpID, id int64) (*app.Store, error)
	FindGuideByUserID(ctx context.Context, corpID int64, userID string) (*app.Guide, error)
}

// Owners reads a customer's owners (app/db's AssignStore).
type Owners interface {
	OwnersOf(ctx context.Context, corpID int64, externalUserID string) ([]app.Owner, error)
}

// Channels lists channel codes (app/db's ChannelStore): the guide's or
// store's code is how a consumer adds them.
type Channels interface {
	ListChannels(ctx context.Context, corpID int64, f app.ChannelFilter) ([]app.Channel, int64, error)
}

// Auditor records changes in the audit trail (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}

// Tx runs fn in one transaction.
type Tx interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Deps are what the capability is built from.
type Deps struct {
	Tx       Tx
	Store    Store
	Consents Consents
	Clients  Clients
	Sessions Sessions
	Members  Members
	Org      Org
	Owners   Owners
	Channels Channels
	Audit    Auditor
	Log      *slog.Logger
	// SessionTTL is how long a login lasts (DefaultSessionTTL when zero).
	SessionTTL time.Duration
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// DefaultSessionTTL is how long a consumer stays logged in: a day, so a
// consumer reopening the mini-program the next day logs in again.
const DefaultSessionTTL = 24 * time.Hour

// Service is the mini-program capability.
type Service struct{ Deps }

// New returns the capability on d.
func New(d Deps) *Service {
	if d.SessionTTL == 0 {
		d.SessionTTL = DefaultSessionTTL
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	return &Service{Deps: d}
}
