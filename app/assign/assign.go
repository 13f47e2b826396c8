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
	"github.com/siyu-scrm/siyu/wecom"
)

// Deps are what assignment is built from; Refresh, Router and Touches may
// be nil.
type Deps struct {
	Tx       app.Transactor
	Store    Store
	Welcomes Welcomes
	Org      Org
	Channels Channels
	Names    Names
	Tags     TagMirror
	Tasks    Tasks
	Audit    Auditor
	Zones    Zones
	Clients  Clients
	Refresh  Refresher
	Router   Router
	Touches  Touches
	Log      *slog.Logger
	// DefaultWelcome greets customers who add a guide without a channel;
	// empty sends nothing then.
	DefaultWelcome string
	// WelcomeLease is how long a runner holds an add's welcome to send it
	// (DefaultWelcomeLease when zero).
	WelcomeLease time.Duration
	// Now is Siyu's clock (time.Now if nil).
	Now func() time.Time
}

// Service implements app.AssignService.
type Service struct {
	Deps
	greeting app.Welcome
}

var _ app.AssignService = (*Service)(nil)

// New returns a Service on d. Shifts and daily caps are read in each
// corp's own time zone.
func New(d Deps) *Service {
	if d.WelcomeLease <= 0 {
		d.WelcomeLease = DefaultWelcomeLease
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	return &Service{Deps: d, greeting: app.Welcome{Text: d.DefaultWelcome}}
}

// zone is the corp's time zone.
func (s *Service) zone(ctx context.Context, corpID int64) (*time.Location, error) {
	name, err := s.Zones.CorpZone(ctx, corpID)
	return app.ZoneNamed(name), err
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
	if out.capHit && s.Router != nil {
		if err := s.Router.SyncChannel(ctx, a.CorpID, out.channel.ID, a.At); err != nil {
			s.Log.WarnContext(ctx, "channel re-route after cap failed; the minute sync will retry", "channel", out.channel.ID, "err", err)
		}
	}
	return read, nil
}

// History lists a customer's assignments, oldest first.
func (s *Service) History(ctx context.Context, corpID int64, externalUserID string) ([]app.Assignment, error) {
	return s.Store.History(ctx, corpID, externalUserID)
}

// OwnerOf returns the customer's owners, one per scope.
func (s *Service) OwnerOf(ctx context.Context, corpID int64, externalUserID string) ([]app.Owner, error) {
	return s.Store.OwnersOf(ctx, corpID, externalUserID)
}

// markTags marks the channel's tags on the new relation and records them
// in the directory's mirror once WeCom has accepted them. Marking a tag
// the relation has is harmless, so a retry simply marks them again.
func (s *Service) markTags(ctx context.Context, a app.CustomerAdd, ch *app.Channel) error {
	if ch == nil || len(ch.TagIDs) == 0 {
		return nil
	}
	cli, err := s.Clients.Client(ctx, a.CorpID)
	if err != nil {
		return err
	}
	if err := cli.MarkTag(ctx, wecom.MarkTagRequest{UserID: a.UserID, ExternalUserID: a.ExternalUserID, AddTag: ch.TagIDs}); err != nil {
		return err
	}
	// WeCom took them: the mirror shows them now, not after the next read.
	return s.Tags.RecordMarkedTags(ctx, a.CorpID, a.UserID, a.ExternalUserID, ch.TagIDs, s.Now().UTC())
}
