// Package segment keeps segments (人群): rules over customers, members,
// owners, tags and touches that the database evaluates (counts, samples
// and materializes into versioned snapshots) without Siyu loading the
// customers, refreshed on demand or on a schedule.
package segment

import (
	"context"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// Evaluator runs checked rules in the database (app/db's SegmentStore).
type Evaluator interface {
	CountSegment(ctx context.Context, corpID int64, cond app.SegmentCond, now time.Time) (int64, error)
	SampleSegment(ctx context.Context, corpID int64, cond app.SegmentCond, now time.Time, limit int) ([]string, error)
	Materialize(ctx context.Context, corpID, id int64, version int, cond app.SegmentCond, now time.Time) (int64, error)
}

// Store keeps segments and their snapshots (app/db's SegmentStore);
// segment is their only writer.
type Store interface {
	Evaluator
	CreateSegment(ctx context.Context, g *app.Segment) error
	FindSegment(ctx context.Context, corpID, id int64) (*app.Segment, error)
	ListSegments(ctx context.Context, corpID int64, p app.Page) ([]app.Segment, int64, error)
	UpdateSegment(ctx context.Context, g *app.Segment) error
	NextVersion(ctx context.Context, corpID, id int64) (int, error)
	FinishSnapshot(ctx context.Context, corpID, id int64, version int, count int64, at time.Time, keep int) error
	SnapshotMembers(ctx context.Context, corpID, id int64, version int, after string, limit int) ([]string, error)
	// SnapshotSizes counts the customers of each of segment id's
	// snapshots, by version; an empty snapshot has no entry.
	SnapshotSizes(ctx context.Context, corpID, id int64) (map[int]int64, error)
}

// Zones gives a corp's time zone, which dates in rules are read in.
type Zones interface {
	CorpZone(ctx context.Context, corpID int64) (string, error)
}

// Names names customers for a preview's sample.
type Names interface {
	CustomerNames(ctx context.Context, corpID int64, externalUserIDs []string) (map[string]string, error)
}

// Auditor records changes in the audit trail (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}

// Deps are what segments are built from.
type Deps struct {
	Tx    app.Transactor
	Store Store
	Zones Zones
	Names Names
	Audit Auditor
	// Due finds the segments to refresh on schedule; nil refreshes none.
	Due Due
}

// Service is the segments capability.
type Service struct {
	Deps
	now func() time.Time
}

// New returns a Service on d.
func New(d Deps) *Service {
	return &Service{Deps: d, now: func() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }}
}

// keepVersions is how many snapshots of a segment are kept: a send
// planned from one keeps reading it while a newer one is made.
const keepVersions = 3

// check validates rule in the corp's zone.
func (s *Service) check(ctx context.Context, corpID int64, rule app.SegmentRule) (app.SegmentCond, error) {
	zone, err := s.Zones.CorpZone(ctx, corpID)
	if err != nil {
		return app.SegmentCond{}, err
	}
	return Check(rule, app.ZoneNamed(zone))
}

// Input is a segment as an operator saves it.
type Input struct {
	Name         string          `json:"name"`
	Rule         app.SegmentRule `json:"rule"`
	RefreshHours int             `json:"refresh_hours"`
}

// checkInput validates in, every field at once.
func (s *Service) checkInput(ctx context.Context, corpID int64, in Input) (*app.Segment, error) {
	var f app.Fields
	name := strings.TrimSpace(in.Name)
	f.Check(name == "" || utf8.RuneCountInString(name) > 64, "name", "人群名称应为 1 到 64 个字")
	f.Check(in.RefreshHours < 0 || in.RefreshHours > 24*30, "refresh_hours", "自动刷新间隔应为 0（不自动刷新）到 720 小时")
	_, err := s.check(ctx, corpID, in.Rule)
	fields := app.ErrorFields(err)
	for _, fe := range fields {
		f.Add("rule."+fe.Field, fe.Reason)
	}
	if err != nil && fields == nil {
		return nil, err
	}
	rule, _ := json.Marshal(in.Rule)
	return &app.Segment{CorpID: corpID, Name: name, Rule: string(rule), RefreshHours: in.RefreshHours, CreatedBy: app.Actor(ctx)}, f.Err()
}
