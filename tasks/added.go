package tasks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hibiken/asynq"

	"github.com/siyu-scrm/siyu/app"
)

// TypeCustomerAdded runs what an add sets off, once the relation is
// written: the owner decision, the welcome message (WeCom's welcome code
// lasts 20 seconds, hence QueueCritical), the channel's tags, and then
// queues the read of the customer's details.
const TypeCustomerAdded = "customer:added"

// Onboarder decides an added customer's owner and greets them.
type Onboarder interface {
	OnboardAdd(ctx context.Context, a app.CustomerAdd) (read bool, err error)
}

// EnqueueAdded queues the work of add a; the event's key is its TaskID.
func (q *Enqueuer) EnqueueAdded(ctx context.Context, a app.CustomerAdd) error {
	b, err := json.Marshal(a)
	if err != nil {
		return err
	}
	t := asynq.NewTask(TypeCustomerAdded, b, asynq.TaskID(fmt.Sprintf("added:%d:%s", a.CorpID, a.EventKey)),
		asynq.Queue(QueueCritical), asynq.MaxRetry(untilItWorks))
	_, err = q.client.EnqueueContext(ctx, t)
	if errors.Is(err, asynq.ErrTaskIDConflict) {
		return nil
	}
	return err
}

// handleCustomerAdded onboards the customer (when assignment is wired)
// and then queues the detail read, which waits on WeCom's read limit in
// its own pool, unless greeting them already read it: reading twice would
// spend WeCom's per-minute allowance on nothing.
func handleCustomerAdded(o Onboarder, q *Enqueuer) asynq.HandlerFunc {
	return func(ctx context.Context, t *asynq.Task) error {
		var a app.CustomerAdd
		if err := json.Unmarshal(t.Payload(), &a); err != nil {
			return DecodeError(t, err)
		}
		if o != nil {
			read, err := o.OnboardAdd(ctx, a)
			if err != nil || read {
				return err
			}
		}
		return q.EnqueueCustomerRefresh(ctx, a.CorpID, a.ExternalUserID, a.EventKey, a.At)
	}
}
