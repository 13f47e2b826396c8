package db

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// DeliveryStore keeps event_deliveries, the outbox of applied events'
// subscribers; tasks' event registry is its only writer.
type DeliveryStore struct{ db *DB }

// NewDeliveryStore returns a DeliveryStore on db.
func NewDeliveryStore(db *DB) *DeliveryStore { return &DeliveryStore{db: db} }

// AddDeliveries records ds; one already there is left as it is.
func (s *DeliveryStore) AddDeliveries(ctx context.Context, ds []app.Delivery) error {
	if len(ds) == 0 {
		return nil
	}
	now := time.Now().UTC()
	for i := range ds {
		ds[i].Status, ds[i].CreatedAt, ds[i].UpdatedAt = app.DeliveryPending, now, now
	}
	err := s.db.with(ctx).Table("event_deliveries").Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(ds, 500).Error
	return domainError(err, "事件投递")
}

// DoneDeliveries removes the handled deliveries of subscriber for keys.
func (s *DeliveryStore) DoneDeliveries(ctx context.Context, corpID int64, subscriber string, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	err := s.db.with(ctx).Table("event_deliveries").Where("corp_id = ? AND subscriber = ? AND event_key IN ?", corpID, subscriber, keys).
		Delete(map[string]any{}).Error
	return domainError(err, "事件投递")
}

// FailDelivery counts a failed attempt with its cause; final marks the
// delivery failed for good, so the relay leaves it alone.
func (s *DeliveryStore) FailDelivery(ctx context.Context, corpID int64, subscriber, key, cause string, final bool) error {
	values := map[string]any{"attempts": gorm.Expr("attempts + 1"), "last_error": app.Truncate(cause, 512), "updated_at": time.Now().UTC()}
	if final {
		values["status"] = app.DeliveryFailed
	}
	err := s.db.with(ctx).Table("event_deliveries").Where("corp_id = ? AND subscriber = ? AND event_key = ?", corpID, subscriber, key).
		Updates(values).Error
	return domainError(err, "事件投递")
}

// PendingDeliveries lists up to limit pending deliveries created before
// olderThan, oldest first, after the delivery after (nil: from the
// first), each with its event.
func (s *DeliveryStore) PendingDeliveries(ctx context.Context, olderThan time.Time, after *app.Delivery, limit int) ([]app.Delivery, []app.InboxEvent, error) {
	q := s.db.with(ctx).Table("event_deliveries").Where("status = ? AND created_at < ?", app.DeliveryPending, olderThan)
	if after != nil {
		q = q.Where("(created_at, corp_id, event_key, subscriber) > (?, ?, ?, ?)", after.CreatedAt, after.CorpID, after.EventKey, after.Subscriber)
	}
	var ds []app.Delivery
	err := q.Order("created_at, corp_id, event_key, subscriber").Limit(app.PageLimit(limit, 100)).Find(&ds).Error
	if err != nil || len(ds) == 0 {
		return nil, nil, domainError(err, "事件投递")
	}
	keys := make([][]any, len(ds))
	for i, d := range ds {
		keys[i] = []any{d.CorpID, d.EventKey}
	}
	var found []app.InboxEvent
	if err := s.db.with(ctx).Table(inboxTable).Where("(corp_id, dedupe_key) IN ?", keys).Find(&found).Error; err != nil {
		return nil, nil, domainError(err, "事件")
	}
	byKey := make(map[[2]any]app.InboxEvent, len(found))
	for _, e := range found {
		byKey[[2]any{e.CorpID, e.DedupeKey}] = e
	}
	events := make([]app.InboxEvent, len(ds))
	for i, d := range ds {
		events[i] = byKey[[2]any{d.CorpID, d.EventKey}]
	}
	return ds, events, nil
}
