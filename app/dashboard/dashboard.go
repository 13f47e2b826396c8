// Package dashboard turns the daily aggregates (app.StatsReader) and the
// figures other capabilities keep (referral campaigns, measured uplift)
// into the managers' dashboards (看板): every figure a page shows is
// computed here — sums, rates, period-over-period change, rankings and
// their order — so a page only formats what it is given and a test can
// hold a page's figures against SQL of its own.
package dashboard

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// Names names guides and stores, many at once (app/names).
type Names interface {
	People(ctx context.Context, corpID int64, userIDs []string) (map[string]string, error)
	Stores(ctx context.Context, corpID int64, ids []*int64) (map[int64]app.Store, error)
}

// Brands lists the corp's brands, a page at a time (app/db's OrgStore).
type Brands interface {
	ListBrands(ctx context.Context, corpID int64, p app.Page) ([]app.Brand, int64, error)
}

// Channels names channel codes (渠道活码) by id.
type Channels interface {
	ChannelNames(ctx context.Context, corpID int64, ids []int64) (map[int64]string, error)
}

// Referrals lists referral campaigns and reads each one's figures
// (app/referral).
type Referrals interface {
	// ListCampaigns returns a page of campaigns, newest first (the next
	// page after the last id), and how many there are.
	ListCampaigns(ctx context.Context, corpID int64, p app.Page) ([]app.ReferralCampaign, int64, error)
	Figures(ctx context.Context, corpID, campaignID int64) (*app.ReferralBreakdown, error)
}

// MassSends finds a mass send, for the name of one measured.
type MassSends interface {
	Get(ctx context.Context, corpID, id int64) (*app.MassSend, error)
}

// Journeys finds a journey, for the name of one measured.
type Journeys interface {
	Find(ctx context.Context, corpID, id int64) (*app.Journey, error)
}

// Deps are what the dashboards read. Referrals, Uplifts, MassSends and
// Journeys may be nil: their pages are then empty.
type Deps struct {
	Stats     app.StatsReader
	Names     Names
	Brands    Brands
	Channels  Channels
	Referrals Referrals
	Uplifts   app.UpliftReader
	MassSends MassSends
	Journeys  Journeys
	// Method is how a kind of uplift is measured, in Chinese (app/uplift's
	// 方法说明 with its settings); nil shows none.
	Method func(kind string) string
}

// Service builds the dashboards' pages.
type Service struct{ d Deps }

// New returns the dashboards on d.
func New(d Deps) *Service { return &Service{d: d} }

// Scope is whose figures a page shows: the corp's, or one store's (a
// store manager's, StoreID set).
type Scope struct {
	CorpID  int64
	StoreID int64
}
