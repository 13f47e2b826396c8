package db

import (
	"context"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

var _ app.AuditService = (*AuditStore)(nil)

// AuditStore keeps the audit trail.
type AuditStore struct{ db *DB }

// NewAuditStore returns an AuditStore on db.
func NewAuditStore(db *DB) *AuditStore { return &AuditStore{db: db} }

// RecordAudit appends e. The request or task id in ctx is stored with it so
// an entry can be traced back to the log lines of the call that made it.
func (s *AuditStore) RecordAudit(ctx context.Context, e *app.AuditEntry) error {
	if e.CorpID == 0 || e.Actor == "" || e.Action == "" || e.TargetType == "" {
		return app.Errorf(app.EINVALID, "审计记录缺少企业、操作人、动作或对象")
	}
	if e.RequestID == "" {
		e.RequestID = app.RequestID(ctx)
	}
	return domainError(s.db.with(ctx).Create(e).Error, "审计记录")
}

// ListAudit returns one page of a corp's entries, newest first. Each
// filter has an index led by corp_id (actor, action, target, time), so a
// narrow filter reads what it matches.
func (s *AuditStore) ListAudit(ctx context.Context, f app.AuditFilter) ([]*app.AuditEntry, error) {
	if f.CorpID == 0 {
		return nil, app.Errorf(app.EINVALID, "缺少企业")
	}
	q := auditScope(s.db.with(ctx).Where("corp_id = ?", f.CorpID), f)
	for col, v := range map[string]string{"target_type": f.TargetType, "target_id": f.TargetID, "actor": f.Actor, "action": f.Action} {
		if v != "" {
			q = q.Where(col+" = ?", v)
		}
	}
	if f.From != nil {
		q = q.Where("created_at >= ?", f.From.UTC())
	}
	if f.Before != nil {
		q = q.Where("created_at < ?", f.Before.UTC())
	}
	if f.BeforeID > 0 {
		q = q.Where("id < ?", f.BeforeID)
	}
	var out []*app.AuditEntry
	err := q.Order("id DESC").Limit(app.PageLimit(f.Limit, 50)).Find(&out).Error
	return out, domainError(err, "审计记录")
}

// auditScope keeps a scoped filter's entries about its objects.
func auditScope(q *gorm.DB, f app.AuditFilter) *gorm.DB {
	if !f.Scoped {
		return q
	}
	cond, args := "1 = 0", []any{}
	for _, t := range f.Within {
		if len(t.IDs) > 0 {
			cond += " OR (target_type = ? AND target_id IN ?)"
			args = append(args, t.Type, t.IDs)
		}
	}
	return q.Where("("+cond+")", args...)
}

// maxFacets bounds the choices a filter offers; a corp whose guides act
// in the console could otherwise list thousands.
const maxFacets = 500

// AuditFacets reads the distinct actors and actions of a corp's entries
// in f's scope (the actor and action indexes answer them without reading
// the entries).
func (s *AuditStore) AuditFacets(ctx context.Context, f app.AuditFilter) (app.AuditFacets, error) {
	var out app.AuditFacets
	if f.CorpID == 0 {
		return out, app.Errorf(app.EINVALID, "缺少企业")
	}
	for col, dst := range map[string]*[]string{"actor": &out.Actors, "action": &out.Actions} {
		q := auditScope(s.db.with(ctx).Model(&app.AuditEntry{}).Where("corp_id = ?", f.CorpID), f)
		if err := q.Distinct(col).Order(col).Limit(maxFacets).Pluck(col, dst).Error; err != nil {
			return out, domainError(err, "审计记录")
		}
	}
	return out, nil
}
