package tasks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hibiken/asynq"

	"github.com/siyu-scrm/siyu/app"
)

// TypeWeComEvent applies one received WeCom callback.
const TypeWeComEvent = "wecom:event"

// EventPayload carries the whole event, not just its inbox id, so the
// queue alone can hold it while the database is down.
type EventPayload struct {
	CorpID     int64     `json:"corp_id"`
	Key        string    `json:"key"`
	Kind       string    `json:"kind"`
	Payload    string    `json:"payload"`
	EventTime  time.Time `json:"event_time"`
	ReceivedAt time.Time `json:"received_at"`
}

// NewEventTask builds the task for e. Its TaskID is derived from the dedupe
// key, so enqueueing the same event twice (redelivery, relay) queues it once.
func NewEventTask(e *app.InboxEvent) (*asynq.Task, error) {
	b, err := json.Marshal(EventPayload{CorpID: e.CorpID, Key: e.DedupeKey, Kind: e.Kind, Payload: e.Payload,
		EventTime: e.EventTime, ReceivedAt: e.ReceivedAt})
	if err != nil {
		return nil, err
	}
	return asynq.NewTask(TypeWeComEvent, b, asynq.TaskID(fmt.Sprintf("evt:%d:%s", e.CorpID, e.DedupeKey)),
		asynq.Queue(QueueDefault), asynq.MaxRetry(20)), nil
}

// Enqueuer puts tasks on the queue for the HTTP side.
type Enqueuer struct{ client *asynq.Client }

// NewEnqueuer returns an Enqueuer using client.
func NewEnqueuer(client *asynq.Client) *Enqueuer { return &Enqueuer{client: client} }

// EnqueueEvent queues e; an event already queued is not an error.
func (q *Enqueuer) EnqueueEvent(ctx context.Context, e *app.InboxEvent) error {
	t, err := NewEventTask(e)
	if err != nil {
		return err
	}
	_, err = q.client.EnqueueContext(ctx, t)
	if errors.Is(err, asynq.ErrTaskIDConflict) {
		return nil
	}
	return err
}

// EventApplier applies a stored event's effects exactly once: it must move
// the inbox row from pending in the same transaction as the effects.
type EventApplier interface {
	ApplyEvent(ctx context.Context, e *app.InboxEvent) error
}

func handleEvent(inbox app.InboxService, applier EventApplier) asynq.HandlerFunc {
	return func(ctx context.Context, t *asynq.Task) error {
		var p EventPayload
		if err := json.Unmarshal(t.Payload(), &p); err != nil {
			return DecodeError(t, err)
		}
		e, err := storedEvent(ctx, inbox, p)
		if err != nil {
			return fmt.Errorf("inbox: %w", err)
		}
		if e.Status != app.InboxPending {
			return nil
		}
		err = applier.ApplyEvent(ctx, e)
		if err != nil {
			_ = inbox.RecordEventFailure(ctx, e.ID, err.Error())
		}
		return err
	}
}

// storedEvent returns the inbox row of p, storing it first when only the
// queue held it (the database was down when it arrived). The receiver has
// normally stored it already, so it is looked up before any insert.
func storedEvent(ctx context.Context, inbox app.InboxService, p EventPayload) (*app.InboxEvent, error) {
	e, err := inbox.FindEvent(ctx, p.CorpID, p.Key)
	if app.ErrorCode(err) != app.ENOTFOUND {
		return e, err
	}
	e = &app.InboxEvent{CorpID: p.CorpID, DedupeKey: p.Key, Kind: p.Kind, Payload: p.Payload,
		EventTime: p.EventTime, ReceivedAt: p.ReceivedAt}
	_, err = inbox.SaveEvent(ctx, e)
	return e, err
}
