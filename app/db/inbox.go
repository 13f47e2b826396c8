package db

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

var _ app.InboxService = (*InboxStore)(nil)

// InboxStore keeps received WeCom events.
type InboxStore struct{ db *DB }

// NewInboxStore returns an InboxStore on db.
func NewInboxStore(db *DB) *InboxStore { return &InboxStore{db: db} }

const inboxTable = "wecom_events"

// SaveEvent inserts e, or loads the row with the same key. The unique key
// (corp_id, dedupe_key) decides, so two deliveries racing in two processes
// still make one row.
func (s *InboxStore) SaveEvent(ctx context.Context, e *app.InboxEvent) (bool, error) {
	if e.CorpID == 0 || len(e.DedupeKey) != 64 || e.Payload == "" {
		return false, app.Errorf(app.EINVALID, "事件缺少企业、去重键或内容")
	}
	if e.Status == "" {
		e.Status = app.InboxPending
	}
	if e.ReceivedAt.IsZero() {
		e.ReceivedAt = time.Now().UTC()
	}
	// A duplicate insert is the normal outcome for a redelivery; keep it out
	// of the SQL error log (the error itself is still checked below).
	err := s.db.quiet(ctx).Table(inboxTable).Create(e).Error
	if err == nil {
		return true, nil
	}
	if !errors.Is(err, gorm.ErrDuplicatedKey) {
		return false, domainError(err, "事件")
	}
	stored, err := s.FindEvent(ctx, e.CorpID, e.DedupeKey)
	if err != nil {
		return false, err
	}
	*e = *stored
	return false, nil
}

// FindEvent returns the event of corpID with key.
func (s *InboxStore) FindEvent(ctx context.Context, corpID int64, key string) (*app.InboxEvent, error) {
	var e app.InboxEvent
	err := s.db.with(ctx).Table(inboxTable).Where("corp_id = ? AND dedupe_key = ?", corpID, key).Take(&e).Error
	return &e, domainError(err, "事件")
}

// PendingEvents lists pending events received before olderThan.
func (s *InboxStore) PendingEvents(ctx context.Context, olderThan time.Time, afterID int64, limit int) ([]*app.InboxEvent, error) {
	var out []*app.InboxEvent
	err := s.db.with(ctx).Table(inboxTable).Where("status = ? AND received_at < ? AND id > ?", app.InboxPending, olderThan, afterID).
		Order("id").Limit(app.PageLimit(limit, 100)).Find(&out).Error
	return out, domainError(err, "事件")
}

// RecordEventFailure notes a failed attempt, for operators and the relay.
func (s *InboxStore) RecordEventFailure(ctx context.Context, corpID int64, key, cause string) error {
	if len(cause) > 2000 {
		cause = cause[:2000]
	}
	err := s.db.with(ctx).Table(inboxTable).Where("corp_id = ? AND dedupe_key = ? AND status = ?", corpID, key, app.InboxPending).
		Updates(map[string]any{"attempts": gorm.Expr("attempts + 1"), "last_error": cause}).Error
	return domainError(err, "事件")
}

// FinishEvent moves the pending event with e's key to status (applied or
// ignored) and reports whether this call did it. Run it first inside the
// transaction that writes the event's effects: the row lock it takes makes
// a concurrent duplicate wait, then find nothing to do. An event only the
// queue held (the database was down when it arrived) is inserted here,
// already finished. It works from the key alone, so a worker needs no read
// before it: one statement in the normal case.
func (s *InboxStore) FinishEvent(ctx context.Context, e *app.InboxEvent, status string) (bool, error) {
	now := time.Now().UTC()
	claim := func() (bool, error) {
		res := s.db.with(ctx).Table(inboxTable).Where("corp_id = ? AND dedupe_key = ? AND status = ?", e.CorpID, e.DedupeKey, app.InboxPending).
			Updates(map[string]any{"status": status, "applied_at": now})
		return res.RowsAffected == 1, domainError(res.Error, "事件")
	}
	if first, err := claim(); first || err != nil {
		return first, err
	}
	row := *e
	row.ID, row.Status, row.AppliedAt = 0, status, &now
	created, err := s.SaveEvent(ctx, &row)
	if created || err != nil {
		return created, err
	}
	// The receiver stored it between the claim and the insert: claim the
	// row it stored (pending) rather than leave it to the relay.
	return claim()
}
