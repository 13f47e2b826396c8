package uplift

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Store reads what uplift compares and keeps its results (app/db's
// UpliftStore); uplift is the only writer of uplift_results.
type Store interface {
	// UpliftMembers lists every member record of the corp.
	UpliftMembers(ctx context.Context, corpID int64) ([]app.UpliftMember, error)
	// CustomerMembers lists which member records are which customers.
	CustomerMembers(ctx context.Context, corpID int64) ([]app.UpliftIdentity, error)
	// FirstLinks gives the first link to a guide of each member record
	// and customer the ledgers show.
	FirstLinks(ctx context.Context, corpID int64) (*app.UpliftLinks, error)
	// MemberOrders lists every order linked to a member record.
	MemberOrders(ctx context.Context, corpID int64) ([]app.UpliftOrder, error)
	// HoldoutArms lists the customers of the corp's mass sends (kind
	// app.UpliftMassSend) or journeys (app.UpliftJourney) that have a
	// holdout, planned or fired in [from, to), treated and held out: a
	// customer may come more than once (each fire's status of a journey).
	HoldoutArms(ctx context.Context, corpID int64, kind string, from, to time.Time) ([]app.UpliftArm, error)
	// ReplaceUplifts replaces every result of the corp's kind by rs.
	ReplaceUplifts(ctx context.Context, corpID int64, kind string, rs []app.UpliftResult) error
	// SaveUplifts writes rs over the results of the same subject and store.
	SaveUplifts(ctx context.Context, rs []app.UpliftResult) error
}

// Thresholds give a brand's RFM thresholds (app/db's RFMStore; app/rfm
// writes them).
type Thresholds interface {
	RFMSettings(ctx context.Context, corpID, scope int64) (*app.RFMSettings, error)
}

// Zones tells a corp's time zone name.
type Zones interface {
	CorpZone(ctx context.Context, corpID int64) (string, error)
}
