// Package assign decides who owns each customer (归属导购 and 归属门店)
// when they add a guide, greets them with the channel's welcome message
// inside WeCom's 20-second window, and marks the channel's tags. Every
// decision is taken under the corp's decision lock, recorded once per
// cause, and kept as the customer's history.
package assign

import (
	"context"
	"log/slog"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/wecom"
)

// WeCom is what assignment asks of a corp's WeCom.
type WeCom interface {
	SendWelcomeMsg(ctx context.Context, req wecom.WelcomeMsgRequest) error
	MarkTag(ctx context.Context, req wecom.MarkTagRequest) error
}

// Clients gives the WeCom client of a corp.
type Clients interface {
	Client(ctx context.Context, corpID int64) (WeCom, error)
}

// Refresher reads a customer's details from WeCom now, for a welcome that
// names a customer Siyu has not read yet.
type Refresher interface {
	RefreshCustomer(ctx context.Context, corpID int64, externalUserID string, at time.Time) error
}

// Router re-routes a channel's contact way, called when a guide reaches
// their daily cap so WeCom stops sending them customers at once.
type Router interface {
	SyncChannel(ctx context.Context, corpID, channelID int64, at time.Time) error
}

// CorpFinder finds a corp, for its time zone.
type CorpFinder interface {
	FindCorpByID(ctx context.Context, id int64) (*app.Corp, error)
}

// Service implements app.AssignService.
type Service struct {
	db      *db.DB
	corps   CorpFinder
	clients Clients
	refresh Refresher
	router  Router
	log     *slog.Logger
	// greeting welcomes customers who add a guide without a channel.
	greeting app.Welcome
}

var _ app.AssignService = (*Service)(nil)

// New returns a Service; refresh and router may be nil. Shifts and daily
// caps are read in each corp's own time zone. defaultWelcome greets
// customers who add a guide without a channel; empty sends nothing then.
func New(d *db.DB, corps CorpFinder, clients Clients, refresh Refresher, router Router, defaultWelcome string, log *slog.Logger) *Service {
	return &Service{db: d, corps: corps, clients: clients, refresh: refresh, router: router, log: log, greeting: app.Welcome{Text: defaultWelcome}}
}

// zone is the corp's time zone.
func (s *Service) zone(ctx context.Context, corpID int64) (*time.Location, error) {
	c, err := s.corps.FindCorpByID(ctx, corpID)
	if err != nil {
		return nil, err
	}
	return app.ZoneNamed(c.Timezone), nil
}

// OnboardAdd decides the owner (once per event), then sends the welcome
// and marks the channel's tags. A retry after a failure finds the decision
// and the welcome's outcome recorded and carries on from there.
func (s *Service) OnboardAdd(ctx context.Context, a app.CustomerAdd) (bool, error) {
	out, err := s.decideOnce(ctx, a)
	if err != nil {
		return false, err
	}
	read, err := s.welcome(ctx, a, out)
	if err != nil {
		return read, err
	}
	if err := s.markTags(ctx, a, out.channel); err != nil {
		return read, err
	}
	// After the welcome, which has WeCom's 20 seconds; the re-route is best
	// effort, the minute sync does it anyway.
	if out.capHit && s.router != nil {
		if err := s.router.SyncChannel(ctx, a.CorpID, out.channel.ID, a.At); err != nil {
			s.log.WarnContext(ctx, "channel re-route after cap failed; the minute sync will retry", "channel", out.channel.ID, "err", err)
		}
	}
	return read, nil
}

// History lists a customer's assignments, oldest first.
func (s *Service) History(ctx context.Context, corpID int64, externalUserID string) ([]app.Assignment, error) {
	return db.NewAssignStore(s.db).History(ctx, corpID, externalUserID)
}

// OwnerOf returns the customer's owners, one per scope.
func (s *Service) OwnerOf(ctx context.Context, corpID int64, externalUserID string) ([]app.Owner, error) {
	return db.NewAssignStore(s.db).OwnersOf(ctx, corpID, externalUserID)
}

// markTags marks the channel's tags on the new relation. Marking a tag the
// relation has is harmless, so a retry simply marks them again.
func (s *Service) markTags(ctx context.Context, a app.CustomerAdd, ch *app.Channel) error {
	if ch == nil || len(ch.TagIDs) == 0 {
		return nil
	}
	cli, err := s.clients.Client(ctx, a.CorpID)
	if err != nil {
		return err
	}
	return cli.MarkTag(ctx, wecom.MarkTagRequest{UserID: a.UserID, ExternalUserID: a.ExternalUserID, AddTag: ch.TagIDs})
}
