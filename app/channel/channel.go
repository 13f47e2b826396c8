// Package channel runs channel codes (渠道活码): WeCom 「联系我」 contact
// ways Siyu creates for a store, a guide, a campaign or the online team,
// each carrying a short state that names its channel when a customer adds
// through it. It validates channels, keeps each contact way in step with
// its row (never leaving one WeCom made unrecorded), routes multi-guide
// codes to the guides on shift and under their daily cap, and fetches the
// QR image for download.
package channel

import (
	"context"
	"log/slog"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

var _ app.ChannelService = (*Service)(nil)

// ContactWays is what channels need of a corp's WeCom client.
type ContactWays interface {
	AddContactWay(ctx context.Context, req wecom.AddContactWayRequest) (configID, qrCode string, err error)
	ContactWay(ctx context.Context, configID string) (*wecom.ContactWay, error)
	ListContactWays(ctx context.Context, from, to time.Time) ([]string, error)
	UpdateContactWay(ctx context.Context, req wecom.UpdateContactWayRequest) error
	DeleteContactWay(ctx context.Context, configID string) error
}

// Clients gives the customer-contact client of a corp (Siyu's id).
type Clients interface {
	Client(ctx context.Context, corpID int64) (ContactWays, error)
}

// Options tune a Service; the zero value is usable.
type Options struct {
	// RecoverAfter is how long a create may be in flight before recovery
	// takes its row over (DefaultRecoverAfter when zero). It must outlast
	// one add_contact_way call with its rate-limit wait.
	RecoverAfter time.Duration
	// QR says where QR images may be downloaded from.
	QR QROptions
	// Log hears what recovery and routing do on their own (discarded when
	// nil).
	Log *slog.Logger
}

// DefaultRecoverAfter is Options.RecoverAfter's default.
const DefaultRecoverAfter = 2 * time.Minute

// Deps are what the channel capability is built from.
type Deps struct {
	Tx      app.Transactor
	Store   Store
	Org     Org
	Tags    Tags
	Zones   Zones
	Caps    Caps
	Audit   Auditor
	Clients Clients
}

// Service is the channel capability.
type Service struct {
	Deps
	opts Options
	now  func() time.Time
}

// New returns a Service on d.
func New(d Deps, o Options) *Service {
	if o.RecoverAfter <= 0 {
		o.RecoverAfter = DefaultRecoverAfter
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	o.QR = o.QR.withDefaults()
	return &Service{Deps: d, opts: o, now: func() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }}
}

// FindChannel returns one channel of the corp with its members.
func (s *Service) FindChannel(ctx context.Context, corpID, id int64) (*app.Channel, error) {
	return s.Store.FindChannel(ctx, corpID, id)
}

// FindChannelByState returns the corp's channel whose code is state,
// deleted ones included, for the add events that carry it.
func (s *Service) FindChannelByState(ctx context.Context, corpID int64, state string) (*app.Channel, error) {
	return s.Store.FindChannelByState(ctx, corpID, state)
}

// ListChannels returns a page of the corp's channels, deleted ones left out.
func (s *Service) ListChannels(ctx context.Context, corpID int64, p app.Page) ([]app.Channel, int64, error) {
	return s.Store.ListChannels(ctx, corpID, app.ChannelFilter{Page: p})
}

// FilterChannels returns a page of the corp's channels of one store, kind
// or status.
func (s *Service) FilterChannels(ctx context.Context, corpID int64, f app.ChannelFilter) ([]app.Channel, int64, error) {
	return s.Store.ListChannels(ctx, corpID, f)
}

// record writes the audit record of one change of channel id, inside the
// change's transaction (ctx), so both commit or roll back together.
func (s *Service) record(ctx context.Context, corpID int64, action string, id int64, before, after *app.Channel) error {
	return s.Audit.Record(ctx, app.AuditChange{CorpID: corpID, Action: action, TargetType: "channel", TargetID: id,
		Detail: map[string]any{"before": before, "after": after}})
}
