package app

import (
	"context"
	"time"
)

// AuditEntry records one change a person or the system made, so managers can
// answer "who did this, when, and why" for any object.
type AuditEntry struct {
	ID         int64
	CorpID     int64
	Actor      string // "user:<id>", "staff:<userid>", "system:<job>"
	Action     string // e.g. "customer.assign"
	TargetType string
	TargetID   string
	Detail     string // JSON with the reason and before/after values
	RequestID  string
	CreatedAt  time.Time
}

// AuditFilter selects a page of entries of one corp, newest first. BeforeID
// is the cursor: the smallest ID of the previous page, 0 for the first page.
// Every set field narrows: Actor and Action match exactly, From and Before
// bound CreatedAt (From included, Before not), and Scoped keeps only the
// entries about one of Within's objects (none when Within is empty): a
// store manager reads what concerns their store, not the corp.
type AuditFilter struct {
	CorpID     int64
	TargetType string
	TargetID   string
	Actor      string
	Action     string
	From       *time.Time
	Before     *time.Time
	Scoped     bool
	Within     []AuditTarget
	BeforeID   int64
	Limit      int
}

// AuditTarget names objects of one type, by the TargetIDs entries carry.
type AuditTarget struct {
	Type string
	IDs  []string
}

// AuditFacets are what a filter can choose among: the actors and actions
// the entries in scope hold, sorted.
type AuditFacets struct {
	Actors  []string
	Actions []string
}

// MaxPageSize caps every list endpoint so one request cannot load a table.
const MaxPageSize = 200

// PageLimit clamps a requested page size into [1, MaxPageSize], using def
// when nothing was asked for.
func PageLimit(asked, def int) int {
	switch {
	case asked <= 0:
		return def
	case asked > MaxPageSize:
		return MaxPageSize
	}
	return asked
}

// AuditChange is one change to record: what was done to which object, by whom
// (the context's actor when Actor is empty), with detail marshalled to
// JSON (typically before and after).
type AuditChange struct {
	CorpID     int64
	Actor      string
	Action     string
	TargetType string
	TargetID   any
	Detail     any
}

// AuditService keeps the audit trail.
type AuditService interface {
	RecordAudit(ctx context.Context, e *AuditEntry) error
	ListAudit(ctx context.Context, f AuditFilter) ([]*AuditEntry, error)
	// AuditFacets reads the actors and actions of the entries f's corp
	// and scope hold (f's other fields are ignored).
	AuditFacets(ctx context.Context, f AuditFilter) (AuditFacets, error)
}
