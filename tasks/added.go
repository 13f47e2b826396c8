package tasks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hibiken/asynq"

	"github.com/siyu-scrm/siyu/app"
)

// TypeCustomerAdded runs what the adds of one written batch set off: the
// owner decisions, the welcome messages (WeCom's welcome code lasts 20
// seconds, hence QueueCritical), the channels' tags, and then the reads of
// the customers' details. One task carries a whole batch, so that an add
// costs no queue round trips of its own between its event and its
// welcome; the adds inside it are onboarded side by side.
const TypeCustomerAdded = "customer:added"

// Onboarder decides an added customer's owner and greets them. It must
// be idempotent per add (its EventKey): a batch is run again whole when
// its failures cannot be queued apart.
type Onboarder interface {
	OnboardAdd(ctx context.Context, a app.CustomerAdd) (read bool, err error)
}

// EnqueueAdded queues the work of adds as one task. Its TaskID comes from
// the adds' event keys, so the same batch queued twice (a rerun
// transaction) runs once.
func (q *Enqueuer) EnqueueAdded(ctx context.Context, adds []app.CustomerAdd) error {
	if len(adds) == 0 {
		return nil
	}
	b, err := json.Marshal(adds)
	if err != nil {
		return err
	}
	t := asynq.NewTask(TypeCustomerAdded, b, asynq.TaskID(addedID(adds)),
		asynq.Queue(QueueCritical), asynq.MaxRetry(untilItWorks))
	_, err = q.client.EnqueueContext(ctx, t)
	if errors.Is(err, asynq.ErrTaskIDConflict) {
		return nil
	}
	return err
}

func addedID(adds []app.CustomerAdd) string {
	keys := make([]string, len(adds))
	for i, a := range adds {
		keys[i] = fmt.Sprintf("%d:%s", a.CorpID, a.EventKey)
	}
	return batchID("added", keys)
}
