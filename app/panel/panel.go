// Package panel is the WeCom chat side panel (侧边栏) a guide opens beside a
// chat: sign-in through WeCom's OAuth into a short session, the JS-SDK
// signatures the page needs, and the customer page — who the customer is,
// this guide's relation and tags (editable through WeCom), and the
// sections other capabilities fill (owner, assignments, tasks, orders).
package panel

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// Directory reads the mirrored WeCom directory the panel shows.
type Directory interface {
	FindCustomer(ctx context.Context, corpID int64, externalUserID string) (*app.Customer, error)
	ListFollows(ctx context.Context, corpID int64, f app.FollowFilter) ([]app.Follow, int64, error)
	ListCustomers(ctx context.Context, corpID int64, f app.CustomerFilter) ([]app.CustomerFollows, int64, error)
	CorpTags(ctx context.Context, corpID int64) ([]app.TagGroup, error)
}

// Corps finds the corp a page or a session belongs to.
type Corps interface {
	FindCorpByID(ctx context.Context, id int64) (*app.Corp, error)
	FindCorpByCorpID(ctx context.Context, corpID string) (*app.Corp, error)
	ListCorps(ctx context.Context) ([]*app.Corp, error)
}

// Clients gives a corp's WeCom clients: the customer-contact one marks
// tags, the self-built app's one signs pages and exchanges OAuth codes.
type Clients interface {
	ContactClient(ctx context.Context, corpID int64) (*wecom.Client, error)
	AppClient(ctx context.Context, corpID int64) (*wecom.Client, error)
}

// Channels finds the channel code a customer added through (app/channel).
type Channels interface {
	FindChannelByState(ctx context.Context, corpID int64, state string) (*app.Channel, error)
}

// Refresher reads a customer from WeCom and writes what it read.
type Refresher interface {
	RefreshCustomer(ctx context.Context, corpID int64, externalUserID string, at time.Time) error
}

// Config is the panel's part of the configuration.
type Config struct {
	// PublicURL is Siyu's address as WeCom's client reaches it, without a
	// trailing slash; signed pages must lie under it.
	PublicURL    string
	AuthorizeURL string // WeCom's OAuth authorize page
}

// Service runs the side panel.
type Service struct {
	cfg      Config
	corps    Corps
	dir      Directory
	clients  Clients
	refresh  Refresher
	channels Channels
	access   app.PanelAccess
	sections Sections
	people   People
	touches  Touches
	shares   ShareLinks
	now      func() time.Time
}

// Deps is what a Service is built from; Sections may be left empty.
type Deps struct {
	Corps    Corps
	Dir      Directory
	Clients  Clients
	Refresh  Refresher
	Channels Channels
	Access   app.PanelAccess
	Sections Sections
	// People names the signed-in member on the pages; nil shows a
	// neutral word instead.
	People People
	// Touches records in the touch ledger the tags a guide changed and
	// what they sent from the panel, and lists those sends (nil: neither
	// is recorded).
	Touches Touches
	// Shares makes the guide's trackable links sent from the panel (nil:
	// the panel sends none).
	Shares ShareLinks
}

// Touches is the touch ledger (app/touch).
type Touches interface {
	Record(ctx context.Context, ts ...app.Touch) error
	Touches(ctx context.Context, corpID int64, externalUserID string, limit int) ([]app.Touch, error)
}

// People gives members' display names (their name in Siyu, else WeCom's);
// a member without one is absent (app/names' Resolver).
type People interface {
	People(ctx context.Context, corpID int64, userIDs []string) (map[string]string, error)
}

// New returns the panel service.
func New(cfg Config, d Deps) *Service {
	return &Service{cfg: cfg, corps: d.Corps, dir: d.Dir, clients: d.Clients, refresh: d.Refresh, channels: d.Channels,
		access: d.Access, sections: d.Sections, people: d.People, touches: d.Touches, shares: d.Shares, now: time.Now}
}

// ViewerName is the signed-in member's display name, "" when Siyu knows
// none (the page then says 导购 without an id).
func (s *Service) ViewerName(ctx context.Context, v app.PanelViewer) (string, error) {
	if s.people == nil {
		return "", nil
	}
	names, err := s.people.People(ctx, v.CorpID, []string{v.UserID})
	return names[v.UserID], err
}

// PublicURL is where the panel is served as WeCom's client sees it.
func (s *Service) PublicURL() string { return s.cfg.PublicURL }

// mayView refuses, in Chinese, a viewer no access rule admits.
func (s *Service) mayView(ctx context.Context, v app.PanelViewer, externalUserID string) error {
	ok, err := s.access.MayView(ctx, v, externalUserID)
	if err != nil {
		return err
	}
	if !ok {
		return app.Errorf(app.EFORBIDDEN, "你没有查看该客户的权限：导购只能查看自己跟进的客户，店长可查看本店的客户")
	}
	return nil
}
