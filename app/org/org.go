// Package org manages a corp's organisation: brands, regions, stores (and
// the online team as a unit of its own) and the guides bound to them. It
// validates input, enforces the rules between them (a guide joins an open
// store, a store with active guides cannot close, a brand in use cannot go)
// and writes every change with its audit record in one transaction. It also
// imports stores and guide bindings from CSV and Excel files.
package org

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

var (
	_ app.BrandService  = (*Service)(nil)
	_ app.RegionService = (*Service)(nil)
	_ app.StoreService  = (*Service)(nil)
	_ app.GuideService  = (*Service)(nil)
)

// Auditor records changes in the audit trail (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}

// Members tells which WeCom members have customer contact enabled, as
// the directory's last sync saw them; synced is false before any sync.
type Members interface {
	ContactMembers(ctx context.Context, corpID int64, userIDs []string) (found map[string]bool, synced bool, err error)
}

// Deps are what the organisation capability is built from: it keeps the
// organisation in Store, writing each change with its audit record in one
// transaction of Tx, and checks guides against Members (nil: no check).
type Deps struct {
	Tx      app.Transactor
	Store   Store
	Audit   Auditor
	Members Members
}

// Service is the organisation capability.
type Service struct {
	tx      app.Transactor
	st      Store
	audit   Auditor
	members Members
	now     func() time.Time
}

// New returns a Service on d.
func New(d Deps) *Service {
	return &Service{tx: d.Tx, st: d.Store, audit: d.Audit, members: d.Members, now: func() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }}
}

// change is what one write did, for its audit record.
type change struct {
	action string // e.g. "store.create"
	target string // "store", "guide"…
	id     int64
	before any // nil on create
	after  any // nil on delete
}

// write runs fn in a transaction and records the change it reports in the
// audit trail of corpID, in the same transaction: a change without its
// record, or a record of a change rolled back, cannot exist. fn returns a
// nil change when it changed nothing, and nothing is recorded.
func (s *Service) write(ctx context.Context, corpID int64, fn func(ctx context.Context) (*change, error)) error {
	return s.tx.InTx(ctx, func(ctx context.Context) error {
		c, err := fn(ctx)
		if err != nil || c == nil {
			return err
		}
		return s.audit.Record(ctx, app.AuditChange{CorpID: corpID, Action: c.action, TargetType: c.target, TargetID: c.id,
			Detail: map[string]any{"before": c.before, "after": c.after}})
	})
}

// transition names the audit action of an update: leaving the active
// status (on) is off, coming back is back, anything else an update, so the
// trail answers "who closed this store" without reading every detail.
func transition(target, from, to, on, off, back string) string {
	switch {
	case from == on && to != on:
		return target + "." + off
	case from != on && to == on:
		return target + "." + back
	}
	return target + ".update"
}
