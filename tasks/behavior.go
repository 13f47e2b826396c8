package tasks

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hibiken/asynq"
)

// TypeBehaviorTick starts the nightly pull of WeCom's chat figures of
// every corp whose pull hour has come and whose pull of today has not
// finished.
const TypeBehaviorTick = "behavior:tick"

// TypeBehaviorPull pulls one corp's figures for one day's run (app/behavior).
const TypeBehaviorPull = "behavior:pull"

// behaviorTickEvery is the tick's period: a pull starts within it of its
// hour.
const behaviorTickEvery = 10 // ticks (ten minutes in production)

// NewBehaviorTickTask builds the periodic tick.
func NewBehaviorTickTask() *asynq.Task { return asynq.NewTask(TypeBehaviorTick, nil) }

// BehaviorPullPayload names a corp and the day (its zone) of the pull.
type BehaviorPullPayload struct {
	CorpID int64  `json:"corp_id"`
	Day    string `json:"day"`
}

// BehaviorPulls pulls a corp's figures (app/behavior).
type BehaviorPulls interface {
	Pull(ctx context.Context, corpID int64, day string) error
}

// EnqueueBehaviorPull queues the corp's pull of day, once: the task id
// names both, so ticks of several schedulers, and ticks while it waits
// for a retry, add nothing. Retried: each try resumes from the guides'
// marks; WeCom's rate limits wait without using up the retries.
func (q *Enqueuer) EnqueueBehaviorPull(ctx context.Context, corpID int64, day string) error {
	b, err := json.Marshal(BehaviorPullPayload{CorpID: corpID, Day: day})
	if err != nil {
		return err
	}
	return q.once(ctx, asynq.NewTask(TypeBehaviorPull, b, asynq.TaskID(fmt.Sprintf("behavior:pull:%d:%s", corpID, day)),
		asynq.Queue(QueueLow), asynq.MaxRetry(10), asynq.Timeout(2*time.Hour)))
}

func handleBehaviorPull(pulls BehaviorPulls) asynq.HandlerFunc {
	return func(ctx context.Context, t *asynq.Task) error {
		var p BehaviorPullPayload
		if err := json.Unmarshal(t.Payload(), &p); err != nil {
			return DecodeError(t, err)
		}
		if pulls == nil {
			return nil
		}
		return pulls.Pull(ctx, p.CorpID, p.Day)
	}
}
