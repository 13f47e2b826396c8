package tasks

import (
	"context"
	"encoding/json"
	"time"

	"github.com/hibiken/asynq"
)

// TypeRFMSweep recomputes the RFM class and stage of the members who
// ordered since the last pass.
const TypeRFMSweep = "rfm:sweep"

// TypeRFMNightly recomputes every member, the medians first.
const TypeRFMNightly = "rfm:nightly"

// rfmSweepEvery is how soon an order moves its member.
const rfmSweepEvery = 1 // tick (a minute in production)

// NewRFMSweepTask builds the minute pass.
func NewRFMSweepTask() *asynq.Task { return asynq.NewTask(TypeRFMSweep, nil) }

// NewRFMNightlyTask builds the nightly task.
func NewRFMNightlyTask() *asynq.Task { return asynq.NewTask(TypeRFMNightly, nil) }

// TypeRFMFull recomputes every member of one scope, the medians first,
// after its settings changed.
const TypeRFMFull = "rfm:full"

// RFMFullPayload names the scope.
type RFMFullPayload struct {
	CorpID int64 `json:"corp_id"`
	Scope  int64 `json:"scope"`
}

// RFMFull recomputes one scope (app/rfm).
type RFMFull interface {
	Full(ctx context.Context, corpID, scope int64) error
}

// EnqueueRFMFull queues a full recompute of the scope. Each save queues
// its own: one already running may have read the settings before.
func (q *Enqueuer) EnqueueRFMFull(ctx context.Context, corpID, scope int64) error {
	b, err := json.Marshal(RFMFullPayload{CorpID: corpID, Scope: scope})
	if err != nil {
		return err
	}
	_, err = q.client.EnqueueContext(ctx, asynq.NewTask(TypeRFMFull, b, asynq.Queue(QueueLow), asynq.MaxRetry(5), asynq.Timeout(time.Hour)))
	return err
}

func handleRFMFull(full RFMFull) asynq.HandlerFunc {
	return func(ctx context.Context, t *asynq.Task) error {
		var p RFMFullPayload
		if err := json.Unmarshal(t.Payload(), &p); err != nil {
			return DecodeError(t, err)
		}
		if full == nil {
			return nil
		}
		return full.Full(ctx, p.CorpID, p.Scope)
	}
}
