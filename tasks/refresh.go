package tasks

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"
)

// TypeCustomerRefresh reads customers' details from WeCom after adds were
// written from their events (or a transfer settled). One task carries
// the reads one batch of adds asked for.
const TypeCustomerRefresh = "wecom:refresh_customer"

// RefreshPayload names the customer and the event (its key and time)
// that asked for the read.
type RefreshPayload struct {
	CorpID         int64     `json:"corp_id"`
	ExternalUserID string    `json:"external_userid"`
	Key            string    `json:"key"`
	At             time.Time `json:"at"`
}

// CustomerRefresher reads a customer from WeCom and writes what it read.
type CustomerRefresher interface {
	RefreshCustomer(ctx context.Context, corpID int64, externalUserID string, at time.Time) error
}

// EnqueueCustomerRefresh queues the read asked for by the event with key;
// the TaskID makes the same event's read run once however often it is
// queued (a rerun transaction, a redelivered event).
func (q *Enqueuer) EnqueueCustomerRefresh(ctx context.Context, corpID int64, externalUserID, key string, at time.Time) error {
	return q.EnqueueCustomerRefreshes(ctx, []RefreshPayload{{CorpID: corpID, ExternalUserID: externalUserID, Key: key, At: at}})
}

// EnqueueCustomerRefreshes queues reads as one task, named by their keys.
func (q *Enqueuer) EnqueueCustomerRefreshes(ctx context.Context, reads []RefreshPayload) error {
	if len(reads) == 0 {
		return nil
	}
	b, err := json.Marshal(reads)
	if err != nil {
		return err
	}
	keys := make([]string, len(reads))
	for i, p := range reads {
		keys[i] = fmt.Sprintf("%d:%s", p.CorpID, p.Key)
	}
	t := asynq.NewTask(TypeCustomerRefresh, b, asynq.TaskID(batchID("refresh", keys)), asynq.Queue(QueueReads), asynq.MaxRetry(untilItWorks))
	return q.once(ctx, t)
}

// handleCustomerRefresh runs a task's reads side by side, at most
// concurrency at once across all tasks: the reads pool's size, which
// bounds the WeCom calls in flight.
func handleCustomerRefresh(r CustomerRefresher, q *Enqueuer, log *slog.Logger, concurrency int) asynq.HandlerFunc {
	s := newSlots(concurrency, DefaultReadConcurrency)
	return func(ctx context.Context, t *asynq.Task) error {
		reads, err := decodeBatch[RefreshPayload](t)
		if err != nil {
			return err
		}
		return eachApart(ctx, log, "reading a customer", reads, func(_ int, p RefreshPayload) error {
			return s.hold(ctx, func() error { return r.RefreshCustomer(ctx, p.CorpID, p.ExternalUserID, p.At) })
		}, func(p RefreshPayload) error { return q.EnqueueCustomerRefreshes(ctx, []RefreshPayload{p}) })
	}
}
