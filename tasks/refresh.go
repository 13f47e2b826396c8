package tasks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hibiken/asynq"
)

// TypeCustomerRefresh reads one customer's details from WeCom after an add
// was written from its event.
const TypeCustomerRefresh = "wecom:refresh_customer"

// RefreshPayload names the customer and the event that asked for the read.
type RefreshPayload struct {
	CorpID         int64     `json:"corp_id"`
	ExternalUserID string    `json:"external_userid"`
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
	b, err := json.Marshal(RefreshPayload{CorpID: corpID, ExternalUserID: externalUserID, At: at})
	if err != nil {
		return err
	}
	t := asynq.NewTask(TypeCustomerRefresh, b, asynq.TaskID(fmt.Sprintf("refresh:%d:%s", corpID, key)),
		asynq.Queue(QueueReads), asynq.MaxRetry(untilItWorks))
	_, err = q.client.EnqueueContext(ctx, t)
	if errors.Is(err, asynq.ErrTaskIDConflict) {
		return nil
	}
	return err
}

func handleCustomerRefresh(r CustomerRefresher) asynq.HandlerFunc {
	return func(ctx context.Context, t *asynq.Task) error {
		var p RefreshPayload
		if err := json.Unmarshal(t.Payload(), &p); err != nil {
			return DecodeError(t, err)
		}
		return r.RefreshCustomer(ctx, p.CorpID, p.ExternalUserID, p.At)
	}
}
