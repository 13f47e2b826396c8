package tasks

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Subscription is one capability's interest in WeCom events: the kinds it
// handles and how. Each event of those kinds that the directory's mirror
// applied reaches Handle once it has committed, through a delivery
// recorded in the same transaction (the outbox) and a task of its own, so
// a subscriber that fails is retried alone and a queue that lost its task
// loses nothing (the relay queues it again).
type Subscription struct {
	// Name is the subscriber's: with the event's key, it names the
	// delivery (at most 32 characters).
	Name string
	// Kinds are the event kinds handled (wecom.Event.Kind()).
	Kinds []string
	// Queue runs its tasks (QueueDefault when empty; QueueCritical for
	// work with WeCom's 20-second deadline).
	Queue string
	// Concurrency bounds how many events it handles at once across all
	// of its tasks (the queue pool's default when zero).
	Concurrency int
	// Handle does the subscriber's work for one event. It must be
	// idempotent: a delivery can run again after a crash, with the
	// subscriber's own key (a unique row, a claim) keeping its effect
	// single.
	Handle func(ctx context.Context, e *app.InboxEvent) error
}

// Deliveries keeps the outbox (app/db's DeliveryStore).
type Deliveries interface {
	AddDeliveries(ctx context.Context, ds []app.Delivery) error
	DoneDeliveries(ctx context.Context, corpID int64, subscriber string, keys []string) error
	FailDelivery(ctx context.Context, corpID int64, subscriber, key, cause string, final bool) error
	PendingDeliveries(ctx context.Context, olderThan time.Time, after *app.Delivery, limit int) ([]app.Delivery, []app.InboxEvent, error)
}

// Registry fans applied WeCom events out to their subscribers. A new
// capability subscribes in the composition root; no other capability's
// code changes.
type Registry struct {
	byKind map[string][]*subscriber
	byName map[string]*subscriber
	store  Deliveries
	queue  *Enqueuer
}

// subscriber is a subscription with its concurrency slots.
type subscriber struct {
	Subscription
	slots slots
}

// NewRegistry returns an empty registry recording deliveries in store and
// queueing them on queue.
func NewRegistry(store Deliveries, queue *Enqueuer) *Registry {
	return &Registry{byKind: map[string][]*subscriber{}, byName: map[string]*subscriber{}, store: store, queue: queue}
}

// Subscribe adds s. Call it before the worker starts; a name used twice,
// or longer than its column, is a programming error.
func (r *Registry) Subscribe(s Subscription) {
	if _, dup := r.byName[s.Name]; dup || s.Name == "" || len(s.Name) > 32 || s.Handle == nil {
		panic(fmt.Sprintf("tasks: bad or duplicate subscription %q", s.Name))
	}
	if s.Queue == "" {
		s.Queue = QueueDefault
	}
	sub := &subscriber{Subscription: s, slots: newSlots(s.Concurrency, defaultConcurrency(s.Queue))}
	r.byName[s.Name] = sub
	for _, k := range s.Kinds {
		r.byKind[k] = append(r.byKind[k], sub)
	}
}

func defaultConcurrency(queue string) int {
	switch queue {
	case QueueCritical:
		return DefaultCriticalConcurrency
	case QueueReads:
		return DefaultReadConcurrency
	}
	return 8
}

// Subscribed reports whether any capability handles events of kind.
func (r *Registry) Subscribed(kind string) bool { return len(r.byKind[kind]) > 0 }

// Deliver records, in the transaction ctx carries (the one applying es),
// a delivery per subscriber of each event's kind, and queues one task per
// subscriber for its events. Queued inside the transaction: should the
// commit fail, the task finds its events' deliveries gone or redone and
// does nothing new; queued after it, a crash in between would leave only
// the relay to notice.
func (r *Registry) Deliver(ctx context.Context, es []*app.InboxEvent) error {
	bySub := map[*subscriber][]*app.InboxEvent{}
	var ds []app.Delivery
	for _, e := range es {
		for _, s := range r.byKind[e.Kind] {
			bySub[s] = append(bySub[s], e)
			ds = append(ds, app.Delivery{CorpID: e.CorpID, EventKey: e.DedupeKey, Subscriber: s.Name})
		}
	}
	if err := r.store.AddDeliveries(ctx, ds); err != nil {
		return err
	}
	for _, s := range r.subscribers() {
		if _, err := r.queue.enqueueDelivery(ctx, s, bySub[s]); err != nil {
			return err
		}
	}
	return nil
}

// subscribers are the subscriptions in name order, so tasks are queued in
// the same order whatever the map's.
func (r *Registry) subscribers() []*subscriber {
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range r.byName {
			if !yield(n) {
				return
			}
		}
	})
	out := make([]*subscriber, len(names))
	for i, n := range names {
		out[i] = r.byName[n]
	}
	return out
}
