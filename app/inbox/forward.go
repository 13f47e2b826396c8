package inbox

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// Claims moves an inbox row from pending, once (app/db's InboxStore).
type Claims interface {
	FinishEvent(ctx context.Context, e *app.InboxEvent, status string) (bool, error)
}

// Fanout hands applied events to the capabilities subscribed to their
// kind (tasks.Registry).
type Fanout interface {
	Subscribed(kind string) bool
	Deliver(ctx context.Context, es []*app.InboxEvent) error
}

// Forwarder applies the events no mirror keeps — the 公众号's — by handing
// them on: in one transaction it claims the inbox row and records a
// delivery for each subscriber of the event's kind (the outbox), as the
// directory's mirror does for WeCom's after applying them. A requeued or
// redelivered event finds its row claimed and hands nothing on twice; an
// event of a kind nobody subscribes to is kept as ignored.
type Forwarder struct {
	tx     app.Transactor
	claims Claims
	fanout Fanout
}

// NewForwarder returns a Forwarder claiming through claims and handing on
// to fanout.
func NewForwarder(tx app.Transactor, claims Claims, fanout Fanout) *Forwarder {
	return &Forwarder{tx: tx, claims: claims, fanout: fanout}
}

// ApplyEvent claims e and hands it to its subscribers, exactly once.
func (f *Forwarder) ApplyEvent(ctx context.Context, e *app.InboxEvent) error {
	status := app.InboxIgnored
	if f.fanout.Subscribed(e.Kind) {
		status = app.InboxApplied
	}
	return f.tx.InTx(ctx, func(ctx context.Context) error {
		first, err := f.claims.FinishEvent(ctx, e, status)
		if err != nil || !first || status != app.InboxApplied {
			return err
		}
		return f.fanout.Deliver(ctx, []*app.InboxEvent{e})
	})
}
