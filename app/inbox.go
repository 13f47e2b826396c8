package app

import (
	"context"
	"time"
)

// InboxEvent is one distinct WeCom callback as received. Its Status moves
// from pending to applied (or ignored) in the same transaction as the
// event's effects, so a redelivered or requeued event has no second effect.
type InboxEvent struct {
	ID         int64
	CorpID     int64
	DedupeKey  string
	Kind       string
	Payload    string // the decrypted XML, kept so the event can be re-parsed
	EventTime  time.Time
	Status     string
	Attempts   int
	LastError  string
	ReceivedAt time.Time
	AppliedAt  *time.Time
}

// Inbox event states.
const (
	InboxPending = "pending"
	InboxApplied = "applied"
	InboxIgnored = "ignored" // stored and counted, no effect (unknown type)
)

// InboxService stores callbacks durably before they are acknowledged.
type InboxService interface {
	// SaveEvent inserts e unless an event with its key exists; created
	// reports which. Either way e.ID and e.Status describe the stored row.
	SaveEvent(ctx context.Context, e *InboxEvent) (created bool, err error)
	FindEvent(ctx context.Context, corpID int64, key string) (*InboxEvent, error)
	// PendingEvents lists events still pending that were received before
	// olderThan, in id order after afterID, for the relay to enqueue again.
	PendingEvents(ctx context.Context, olderThan time.Time, afterID int64, limit int) ([]*InboxEvent, error)
	RecordEventFailure(ctx context.Context, corpID int64, key, cause string) error
}

// Delivery is one subscriber's share of an applied event: it exists from
// the transaction that applied the event until the subscriber has handled
// it, so a queue that lost the subscriber's task loses nothing.
type Delivery struct {
	CorpID     int64
	EventKey   string
	Subscriber string
	Status     string // DeliveryPending or DeliveryFailed
	Attempts   int
	LastError  string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Delivery states; a handled delivery is deleted.
const (
	DeliveryPending = "pending"
	DeliveryFailed  = "failed" // the subscriber gave up for good; kept for operators
)
