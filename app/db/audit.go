package db

import (
	"context"

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

// ListAudit returns one page of a corp's entries, newest first.
func (s *AuditStore) ListAudit(ctx context.Context, f app.AuditFilter) ([]*app.AuditEntry, error) {
	if f.CorpID == 0 {
		return nil, app.Errorf(app.EINVALID, "缺少企业")
	}
	q := s.db.with(ctx).Where("corp_id = ?", f.CorpID)
	if f.TargetType != "" {
		q = q.Where("target_type = ?", f.TargetType)
	}
	if f.TargetID != "" {
		q = q.Where("target_id = ?", f.TargetID)
	}
	if f.BeforeID > 0 {
		q = q.Where("id < ?", f.BeforeID)
	}
	var out []*app.AuditEntry
	err := q.Order("id DESC").Limit(app.PageLimit(f.Limit, 50)).Find(&out).Error
	return out, domainError(err, "审计记录")
}
