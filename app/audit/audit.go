// Package audit keeps the audit trail (审计日志): who changed what, when,
// and the values before and after. It is the only writer of
// audit_entries; every capability records its changes through it, inside
// its own transaction (the context carries it), so a change and its
// record commit or roll back together.
package audit

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// Store appends and lists entries (app/db's AuditStore).
type Store interface {
	RecordAudit(ctx context.Context, e *app.AuditEntry) error
	ListAudit(ctx context.Context, f app.AuditFilter) ([]*app.AuditEntry, error)
	AuditFacets(ctx context.Context, f app.AuditFilter) (app.AuditFacets, error)
}

// Log is the audit capability.
type Log struct{ st Store }

// New returns a Log on st.
func New(st Store) *Log { return &Log{st: st} }

// Record appends c to the trail.
func (l *Log) Record(ctx context.Context, c app.AuditChange) error {
	detail, err := json.Marshal(c.Detail)
	if err != nil {
		return app.Wrap(app.EINTERNAL, err, "")
	}
	actor := c.Actor
	if actor == "" {
		actor = app.Actor(ctx)
	}
	return l.st.RecordAudit(ctx, &app.AuditEntry{CorpID: c.CorpID, Actor: actor, Action: c.Action,
		TargetType: c.TargetType, TargetID: fmt.Sprint(c.TargetID), Detail: string(detail)})
}

// List returns one page of a corp's entries, newest first.
func (l *Log) List(ctx context.Context, f app.AuditFilter) ([]*app.AuditEntry, error) {
	return l.st.ListAudit(ctx, f)
}

// Facets returns the actors and actions a corp's entries in f's scope
// hold, for a filter to offer.
func (l *Log) Facets(ctx context.Context, f app.AuditFilter) (app.AuditFacets, error) {
	return l.st.AuditFacets(ctx, f)
}
