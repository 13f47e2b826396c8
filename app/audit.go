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
type AuditFilter struct {
	CorpID     int64
	TargetType string
	TargetID   string
	BeforeID   int64
	Limit      int
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
}
