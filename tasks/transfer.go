package tasks

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hibiken/asynq"
)

// TypeTransferAdvance takes one transfer (在职继承 / 离职继承) as far as it
// goes now: sends its pending customers and groups, polls the waiting ones.
// Queued when a transfer starts, so it is sent at once.
const TypeTransferAdvance = "transfer:advance"

// TypeTransferFollow advances every running transfer of every corp: the
// periodic follow-up that polls transfer_result until each customer
// settles (WeCom completes a transfer 24 hours after it starts).
const TypeTransferFollow = "transfer:follow"

// TransferPayload names a transfer.
type TransferPayload struct {
	CorpID int64 `json:"corp_id"`
	ID     int64 `json:"id"`
}

// Transfers moves transfers on.
type Transfers interface {
	Advance(ctx context.Context, corpID, id int64) error
}

// EnqueueTransfer queues the first steps of a transfer that just started.
// A failure is not fatal to the caller: the periodic follow-up does the
// same within its period.
func (q *Enqueuer) EnqueueTransfer(ctx context.Context, corpID, id int64) error {
	b, err := json.Marshal(TransferPayload{CorpID: corpID, ID: id})
	if err != nil {
		return err
	}
	t := asynq.NewTask(TypeTransferAdvance, b, asynq.TaskID(fmt.Sprintf("transfer:%d:start", id)),
		asynq.Queue(QueueDefault), asynq.MaxRetry(10))
	return q.once(ctx, t)
}

// NewTransferFollowTask builds the task the scheduler enqueues every few
// minutes.
func NewTransferFollowTask() *asynq.Task { return asynq.NewTask(TypeTransferFollow, nil) }

func handleTransferAdvance(tr Transfers) asynq.HandlerFunc {
	return func(ctx context.Context, t *asynq.Task) error {
		var p TransferPayload
		if err := json.Unmarshal(t.Payload(), &p); err != nil {
			return DecodeError(t, err)
		}
		if tr == nil {
			return nil
		}
		return tr.Advance(ctx, p.CorpID, p.ID)
	}
}

// transferFollowEvery is the follow-up's period: a settled transfer shows
// within minutes of WeCom's 24 hours.
const transferFollowEvery = 3 // ticks (minutes in production)
