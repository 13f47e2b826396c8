package app

import (
	"context"
	"time"
)

type ctxKey int

const (
	requestIDKey ctxKey = iota
	actorKey
)

// WithRequestID returns a context carrying the id of the request or task
// being served, so logs written deep inside a capability can be joined to
// the request that caused them.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey, id)
}

// RequestID returns the id stored by WithRequestID, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// WithActor returns a context naming who acts ("user:7", "token:3",
// "cli:import"), which every audit record written under it carries.
func WithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey, actor)
}

// Actor returns the actor stored by WithActor, or "system" when none was:
// a change is never recorded without someone to answer for it.
func Actor(ctx context.Context) string {
	if a, _ := ctx.Value(actorKey).(string); a != "" {
		return a
	}
	return "system"
}

// Transactor runs work in one database transaction. The context fn is
// given carries the transaction: every store called with it takes part,
// whichever capability owns the store, and a nested InTx joins the outer
// one. fn may run more than once (a deadlock victim is rerun), so it must
// not do anything outside the database that cannot be repeated.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// Sleep waits d or until ctx ends, whichever is first: waits in a job or
// a request must end with it.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
