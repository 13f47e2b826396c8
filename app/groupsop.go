package app

import (
	"fmt"
	"time"
)

// Group SOP statuses: a paused SOP fires nothing, and on resume fires only
// what is due within its catch-up window.
const (
	GroupSOPActive = "active"
	GroupSOPPaused = "paused"
)

// Group SOP step timings: when a step is due for a group.
const (
	GroupStepDate        = "date"         // once, on Date at At
	GroupStepWeekly      = "weekly"       // every Weekday at At
	GroupStepAfterCreate = "after_create" // Days after the group's creation, at At
	GroupStepAfterJoin   = "after_join"   // Days after each member's join, at At
)

// Group SOP fire statuses: a fire is recorded before its task is given, so
// a crash between the two leaves a pending fire the next tick finishes.
const (
	GroupFirePending = "pending"
	GroupFireDone    = "done"
)

// DefaultGroupCatchUpHours is how late a step still fires when the SOP
// does not say: a day, as for journeys, so an outage loses nothing while
// a long pause does not fire last week's steps.
const DefaultGroupCatchUpHours = 24

// GroupSelection picks the groups a SOP applies to; each set field
// narrows it (owners and stores are unions within themselves), and an
// empty selection picks every live group of the corp.
type GroupSelection struct {
	Owners       []string `json:"owners,omitempty"`    // group owners' userids
	StoreIDs     []int64  `json:"store_ids,omitempty"` // groups whose owner is a guide of one of these stores
	NameContains string   `json:"name_contains,omitempty"`
	// TagIDs picks groups carrying any of these Siyu group tags (群标签).
	TagIDs []int64 `json:"tag_ids,omitempty"`
}

// GroupSOPStep is one step of a group SOP. ID is stable across edits:
// the fire ledger keys on it, so an edit keeps fired steps fired.
type GroupSOPStep struct {
	ID      int    `json:"id"`
	Kind    string `json:"kind"`
	Date    string `json:"date,omitempty"`    // YYYY-MM-DD, for GroupStepDate
	Weekday int    `json:"weekday,omitempty"` // 1 Monday … 7 Sunday, for GroupStepWeekly
	Days    int    `json:"days,omitempty"`    // for the after_* kinds
	At      string `json:"at"`                // HH:MM in the corp's zone
	Content string `json:"content"`
	// MassSend also asks the owner to confirm a group mass send of
	// Content (through MassSender).
	MassSend bool `json:"mass_send,omitempty"`
	// Since is when the step was added: it never fires for a time before.
	Since time.Time `json:"since"`
}

// GroupSOP is a group SOP (社群SOP): steps applied to selected groups. No
// app can post into a customer group, so each step is a task for the
// group's owner, who sends it.
type GroupSOP struct {
	ID           int64
	CorpID       int64
	Name         string
	Status       string
	Selection    GroupSelection `gorm:"serializer:json"`
	Steps        []GroupSOPStep `gorm:"serializer:json"`
	NextStepID   int
	CatchUpHours int
	CreatedBy    string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Step returns the step of id, nil when there is none.
func (s *GroupSOP) Step(id int) *GroupSOPStep {
	for i := range s.Steps {
		if s.Steps[i].ID == id {
			return &s.Steps[i]
		}
	}
	return nil
}

// GroupSOPFire is one (SOP, step, group, occurrence) fired. Occurrence is
// "" for date and after_create steps, the week's date for weekly steps
// and the member's id for after_join steps.
type GroupSOPFire struct {
	ID         int64
	CorpID     int64
	SOPID      int64 `gorm:"column:sop_id"`
	StepID     int
	ChatID     string
	Occurrence string
	Owner      string // the group's owner when fired
	DueAt      time.Time
	Status     string
	CreatedAt  time.Time
	DoneAt     *time.Time
}

// Key is the fire's idempotency key: the Source of its guide task and the
// key of its group mass send.
func (f *GroupSOPFire) Key() string {
	return fmt.Sprintf("gs:%d:%d:%s:%s", f.SOPID, f.StepID, f.ChatID, f.Occurrence)
}

// SOPGroup is a group as a SOP sees it: read from the group mirror.
type SOPGroup struct {
	ChatID     string
	Name       string
	Owner      string
	CreateTime *time.Time
}

// SOPJoin is a member's join of a group, for after_join steps.
type SOPJoin struct {
	ChatID   string
	MemberID string
	JoinTime time.Time
}

// GroupStepOverdueAfter is how long after its time a step's task may stay
// open before the report counts it overdue: a day to send it.
const GroupStepOverdueAfter = 24 * time.Hour

// GroupSOPReportRow is one group's progress in a SOP, with names as people
// read them. Done splits into Verified (Siyu saw it sent) and
// SelfReported (自报: the owner tapped done).
type GroupSOPReportRow struct {
	ChatID       string `json:"-"`
	Owner        string `json:"-"`
	GroupName    string `json:"group_name"`
	OwnerName    string `json:"owner_name"`
	Done         int    `json:"done"`
	Verified     int    `json:"verified"`
	SelfReported int    `json:"self_reported"`
	Open         int    `json:"open"`
	Overdue      int    `json:"overdue"` // among Open
}
