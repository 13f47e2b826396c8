package tasks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hibiken/asynq"

	"github.com/siyu-scrm/siyu/app"
)

// TypeWeComEvent applies one received WeCom callback.
const TypeWeComEvent = "wecom:event"

// TypeWeChatEvent hands one received 公众号 callback to its subscribers.
// 公众号 events share the inbox with WeCom's; their kind's prefix
// (app.WeChatEventPrefix) sends them here rather than to the WeCom mirror.
const TypeWeChatEvent = "wechat:event"

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
	b, err := json.Marshal(eventPayload(e))
	if err != nil {
		return nil, err
	}
	return asynq.NewTask(eventType(e.Kind), b, asynq.TaskID(eventTaskID(e)),
		asynq.Queue(QueueDefault), asynq.MaxRetry(untilItWorks)), nil
}

// eventType is the task type that applies an event of kind.
func eventType(kind string) string {
	if strings.HasPrefix(kind, app.WeChatEventPrefix) {
		return TypeWeChatEvent
	}
	return TypeWeComEvent
}

func eventPayload(e *app.InboxEvent) EventPayload {
	return EventPayload{CorpID: e.CorpID, Key: e.DedupeKey, Kind: e.Kind, Payload: e.Payload, EventTime: e.EventTime, ReceivedAt: e.ReceivedAt}
}

// event is the pending inbox event p carries.
func (p EventPayload) event() *app.InboxEvent {
	return &app.InboxEvent{CorpID: p.CorpID, DedupeKey: p.Key, Kind: p.Kind, Payload: p.Payload,
		EventTime: p.EventTime, Status: app.InboxPending, ReceivedAt: p.ReceivedAt}
}

// eventTaskID is e's task id: the same whoever queues it.
func eventTaskID(e *app.InboxEvent) string { return fmt.Sprintf("evt:%d:%s", e.CorpID, e.DedupeKey) }

// untilItWorks is the retry budget of tasks that must not be given up on
// while the failure can heal: an event only the queue holds (the database
// was down when it arrived) or the read an applied add still owes. With
// retries capped at 5 minutes apart it outlasts any outage; what cannot
// heal (bad input, a revoked secret) is not retried at all.
const untilItWorks = 100_000

// Enqueuer puts tasks on the queue for the HTTP side.
type Enqueuer struct {
	client *asynq.Client
	insp   *asynq.Inspector // wakes tasks waiting out a retry (nil: never)
}

// WakeWith lets the relay run at once a task it finds waiting out a
// retry's backoff (see wake).
func (q *Enqueuer) WakeWith(insp *asynq.Inspector) { q.insp = insp }

// wake runs now the task id of queue if it is waiting out a retry's
// backoff (or scheduled): after an outage the relay's next pass moves the
// backlog instead of each task's backoff of up to 5 minutes. At most once
// a relay pass, so a dependency still down costs a failed attempt a
// minute. A task pending or running is left as it is, and so is one
// archived: it failed for good (bad input, a refusal no retry heals).
func (q *Enqueuer) wake(queue, id string) {
	if q.insp == nil {
		return
	}
	if info, err := q.insp.GetTaskInfo(queue, id); err == nil && (info.State == asynq.TaskStateRetry || info.State == asynq.TaskStateScheduled) {
		_ = q.insp.RunTask(queue, id) // raced by a worker taking it: nothing to do
	}
}

// NewEnqueuer returns an Enqueuer using client.
func NewEnqueuer(client *asynq.Client) *Enqueuer { return &Enqueuer{client: client} }

// EnqueueEvent queues e; an event already queued is not an error.
func (q *Enqueuer) EnqueueEvent(ctx context.Context, e *app.InboxEvent) error {
	t, err := NewEventTask(e)
	if err != nil {
		return err
	}
	return q.once(ctx, t)
}

// once queues t; a task already queued under its id is not an error, so
// that whoever queues the same work again (a retry, another instance)
// leaves one task.
func (q *Enqueuer) once(ctx context.Context, t *asynq.Task) error {
	_, err := q.client.EnqueueContext(ctx, t)
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

// handleEvent applies the event the task carries. It reads nothing first:
// the applier's finish statement both checks that the event is pending and
// claims it (inserting the row if only the queue held the event).
func handleEvent(inbox app.InboxService, applier EventApplier) asynq.HandlerFunc {
	return func(ctx context.Context, t *asynq.Task) error {
		var p EventPayload
		if err := json.Unmarshal(t.Payload(), &p); err != nil {
			return DecodeError(t, err)
		}
		e := p.event()
		err := applier.ApplyEvent(ctx, e)
		if err == nil {
			return nil
		}
		if ferr := inbox.RecordEventFailure(context.WithoutCancel(ctx), e.CorpID, e.DedupeKey, err.Error()); ferr != nil {
			return errors.Join(err, fmt.Errorf("record the failure: %w", ferr))
		}
		return err
	}
}
