// Package groupsop runs group SOPs (社群SOP): a plan of steps applied to
// selected customer groups. No app can post into a customer group, so at
// each step's time the group's owner gets the step as a guide task (and,
// when the step asks, a group mass-send task to confirm) and sends it
// from the side panel. Each (SOP, step, group, occurrence) fires once: the
// fire ledger's unique key holds across restarts, edits, pauses and ticks
// running at once. groupsop is the only writer of group_sops and
// group_sop_fires; tasks stay app/todo's and groups app/directory's.
package groupsop

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Store keeps SOPs and their fire ledger and reads the group mirror
// (app/db's GroupSOPStore).
type Store interface {
	CreateSOP(ctx context.Context, s *app.GroupSOP) error
	SaveSOP(ctx context.Context, s *app.GroupSOP) error
	FindSOP(ctx context.Context, corpID, id int64) (*app.GroupSOP, error)
	ListSOPs(ctx context.Context, corpID int64) ([]app.GroupSOP, error)
	ActiveSOPs(ctx context.Context, corpID int64) ([]app.GroupSOP, error)
}

// Ledger records fires once and lists those whose task is not given yet.
type Ledger interface {
	RecordFires(ctx context.Context, fs []app.GroupSOPFire) error
	PendingFires(ctx context.Context, corpID, id, after int64, limit int) ([]app.GroupSOPFire, error)
	FinishFire(ctx context.Context, corpID, id int64) error
}

// Groups reads the groups a selection picks and their members' joins.
type Groups interface {
	MatchGroups(ctx context.Context, corpID int64, sel app.GroupSelection) ([]app.SOPGroup, error)
	CountGroups(ctx context.Context, corpID int64, sel app.GroupSelection) (int64, error)
	Joins(ctx context.Context, corpID int64, chatIDs []string, since time.Time) ([]app.SOPJoin, error)
}

// Tasks gives owners their tasks (app/todo), idempotent by Source.
type Tasks interface {
	CreateTask(ctx context.Context, t *app.GuideTask) (created bool, err error)
}

// MassSender creates a group mass-send task for a group's owner to
// confirm, named name in the console; key makes it idempotent. The
// mass-send capability implements it; without it (nil), a step asking
// for one is refused.
type MassSender interface {
	SendToGroup(ctx context.Context, corpID int64, owner, chatID, name, content, key string) error
}

// Auditor records changes in the audit trail (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}

// Corps reads a corp's time zone.
type Corps interface {
	FindCorpByID(ctx context.Context, id int64) (*app.Corp, error)
}

// Service runs group SOPs. Now is the clock (time.Now if nil); Sender
// may be nil.
type Service struct {
	Store   Store
	Ledger  Ledger
	Groups  Groups
	Tasks   Tasks
	Sender  MassSender
	Corps   Corps
	Reports Reports
	Names   Names
	// Audit, when set, records every create, edit, pause and resume.
	Audit Auditor
	Now   func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}
