// Package rfm classifies members by recency, frequency and monetary value
// (the briefing's 8 RFM classes) against each brand's thresholds (by
// default its medians), and places them in lifecycle stages by rules the
// brand sets. Members are recomputed when they order (a pass every
// minute) and all of them every night, when the medians are taken again;
// every change of class or stage is kept, for journeys to start from.
package rfm

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Store keeps settings, measures and changes (app/db's RFMStore); rfm is
// their only writer.
type Store interface {
	RFMSettings(ctx context.Context, corpID, scope int64) (*app.RFMSettings, error)
	SaveRFMSettings(ctx context.Context, st *app.RFMSettings) error
	MemberOrderTotals(ctx context.Context, corpID, scope int64, ids []int64) ([]app.OrderTotals, error)
	ActiveMembers(ctx context.Context, corpID, scope int64) ([]int64, error)
	OrderedSince(ctx context.Context, corpID, scope int64, since time.Time) ([]int64, error)
	MemberRFMs(ctx context.Context, corpID int64, ids []int64) (map[int64]app.MemberRFM, error)
	SaveMemberRFMs(ctx context.Context, rows []app.MemberRFM, changes []app.RFMChange) error
	RFMCounts(ctx context.Context, corpID, scope int64) (*app.RFMCounts, error)
}

// Merges resolve member records to the ones they were merged into (app/db's
// AttributionStore).
type Merges interface {
	Survivors(ctx context.Context, corpID int64, memberIDs []int64) (map[int64]int64, error)
	Family(ctx context.Context, corpID int64, survivors []int64) (map[int64]int64, error)
}

// Deps are what RFM is built from. Queue may stay nil where nothing
// saves settings (the command line); the composition root sets it.
type Deps struct {
	Tx     app.Transactor
	Store  Store
	Merges Merges
	Audit  Auditor
	Queue  Queue
}

// Service is the RFM and lifecycle capability.
type Service struct {
	Deps
	now func() time.Time
}

// New returns a Service on d.
func New(d Deps) *Service {
	return &Service{Deps: d, now: func() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }}
}

// measure is a member's totals, folded over every record merged into it.
type measure struct {
	sales int
	net   int64
	last  *time.Time
}

func (m *measure) add(t app.OrderTotals) {
	m.sales += t.Sales
	m.net += t.NetCents
	if t.LastSale != nil && (m.last == nil || t.LastSale.After(*m.last)) {
		l := *t.LastSale
		m.last = &l
	}
}

// classify is member id's measures, class and stage at now under the
// thresholds in use.
func classify(st *app.RFMSettings, id int64, m measure, now time.Time) app.MemberRFM {
	row := app.MemberRFM{CorpID: st.CorpID, MemberID: id, Scope: st.Scope, Frequency: m.sales, MonetaryCents: m.net,
		LastOrderAt: m.last, ComputedAt: now, Stage: app.StageIntro}
	if m.sales == 0 || m.last == nil {
		return row
	}
	row.RecencyDays = app.RFMRecencyDays(*m.last, now)
	row.Class = st.ClassAt(m.sales, m.net, m.last, now)
	switch {
	case row.RecencyDays > st.ChurnDays:
		row.Stage = app.StageChurned
	case row.RecencyDays > st.ActiveDays:
		row.Stage = app.StageDormant
	case m.sales > st.GrowthOrders:
		row.Stage = app.StageMature
	default:
		row.Stage = app.StageGrowth
	}
	return row
}
