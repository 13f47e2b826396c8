package tasks

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hibiken/asynq"
)

// TypeAttributionRun recomputes every order of a scope under a rule
// version saved a moment ago (a run with progress, resumed from its
// cursor when retried).
const TypeAttributionRun = "attribution:run"

// TypeAttributionCatchUp credits the orders that came in since under
// each scope's latest rules.
const TypeAttributionCatchUp = "attribution:catchup"

// attributionCatchUpEvery is how soon a new order has its credit.
const attributionCatchUpEvery = 1 // tick (a minute in production)

// AttributionRunPayload names a run.
type AttributionRunPayload struct {
	CorpID int64 `json:"corp_id"`
	ID     int64 `json:"id"`
}

// AttributionRuns carries recompute runs through.
type AttributionRuns interface {
	Run(ctx context.Context, corpID, id int64) error
}

// EnqueueAttributionRun queues run id; queued twice it runs once.
func (q *Enqueuer) EnqueueAttributionRun(ctx context.Context, corpID, id int64) error {
	b, err := json.Marshal(AttributionRunPayload{CorpID: corpID, ID: id})
	if err != nil {
		return err
	}
	t := asynq.NewTask(TypeAttributionRun, b, asynq.TaskID(fmt.Sprintf("attribution:run:%d", id)),
		asynq.Queue(QueueLow), asynq.MaxRetry(20), asynq.Timeout(2*time.Hour))
	return q.once(ctx, t)
}

// NewAttributionCatchUpTask builds the task the scheduler enqueues.
func NewAttributionCatchUpTask() *asynq.Task { return asynq.NewTask(TypeAttributionCatchUp, nil) }

func handleAttributionRun(runs AttributionRuns) asynq.HandlerFunc {
	return func(ctx context.Context, t *asynq.Task) error {
		var p AttributionRunPayload
		if err := json.Unmarshal(t.Payload(), &p); err != nil {
			return DecodeError(t, err)
		}
		if runs == nil {
			return nil
		}
		return runs.Run(ctx, p.CorpID, p.ID)
	}
}
