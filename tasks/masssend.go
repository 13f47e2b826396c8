package tasks

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hibiken/asynq"
)

// TypeMassSendAdvance takes one mass send (群发) as far as it goes now:
// plans it when due, creates its chunks in WeCom, follows them. Queued
// for the send's time when it is created or started.
const TypeMassSendAdvance = "masssend:advance"

// TypeMassSendFollow advances every mass send that needs work: starts
// scheduled ones whose time came (if their queued start was lost),
// reconciles chunks whose claim ran out, and polls WeCom until every
// chunk settles.
const TypeMassSendFollow = "masssend:follow"

// MassSendPayload names a mass send.
type MassSendPayload struct {
	CorpID int64 `json:"corp_id"`
	ID     int64 `json:"id"`
}

// MassSends moves mass sends on.
type MassSends interface {
	Advance(ctx context.Context, corpID, id int64) error
}

// EnqueueMassSend queues a send's start at its time, once per send and
// time. A failure is not fatal to the caller: the periodic follow-up
// starts due sends within its period.
func (q *Enqueuer) EnqueueMassSend(ctx context.Context, corpID, id int64, at time.Time) error {
	b, err := json.Marshal(MassSendPayload{CorpID: corpID, ID: id})
	if err != nil {
		return err
	}
	t := asynq.NewTask(TypeMassSendAdvance, b, asynq.TaskID(fmt.Sprintf("masssend:%d:start:%d", id, at.Unix())),
		asynq.Queue(QueueDefault), asynq.MaxRetry(10), asynq.ProcessAt(at))
	return q.once(ctx, t)
}

// NewMassSendFollowTask builds the task the scheduler enqueues every
// minute.
func NewMassSendFollowTask() *asynq.Task { return asynq.NewTask(TypeMassSendFollow, nil) }

// massSendFollowEvery is the follow-up's period: a scheduled send starts
// within it of its time, and a guide's confirmation shows within it.
const massSendFollowEvery = 1 // tick (a minute in production)

func handleMassSendAdvance(ms MassSends) asynq.HandlerFunc {
	return func(ctx context.Context, t *asynq.Task) error {
		var p MassSendPayload
		if err := json.Unmarshal(t.Payload(), &p); err != nil {
			return DecodeError(t, err)
		}
		if ms == nil {
			return nil
		}
		return ms.Advance(ctx, p.CorpID, p.ID)
	}
}
