package tasks

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"slices"
	"sync"

	"github.com/hibiken/asynq"
)

// eachApart runs do for every item of a batch task side by side. A lone
// item's failure is the task's, retried by asynq with its backoff. A
// batch's failed items are queued again each as a task of its own
// (again), so that those done are not redone and one that can never
// succeed does not hold back the rest; only when that cannot be done does
// the batch fail, to run again whole, which is why do must be idempotent.
func eachApart[T any](ctx context.Context, log *slog.Logger, what string, items []T,
	do func(i int, item T) error, again func(item T) error) error {
	errs := make([]error, len(items))
	var wg sync.WaitGroup
	for i, it := range items {
		wg.Go(func() { errs[i] = do(i, it) })
	}
	wg.Wait()
	if len(items) == 1 {
		return errs[0]
	}
	for i, err := range errs {
		if err == nil {
			continue
		}
		log.WarnContext(ctx, what+" failed; it is retried on its own", "item", items[i], "err", err)
		if err := again(items[i]); err != nil {
			return err
		}
	}
	return nil
}

// decodeBatch reads a batch task's payload: a list, or the single item a
// task queued by an earlier version (one item per task) carries.
func decodeBatch[T any](t *asynq.Task) ([]T, error) {
	b := bytes.TrimSpace(t.Payload())
	if len(b) > 0 && b[0] == '{' {
		var one T
		if err := json.Unmarshal(b, &one); err != nil {
			return nil, DecodeError(t, err)
		}
		return []T{one}, nil
	}
	var items []T
	if err := json.Unmarshal(b, &items); err != nil {
		return nil, DecodeError(t, err)
	}
	return items, nil
}

// slots bounds how many items of one kind of batch work run at once
// across every task, as the pool's size did when each item was a task.
type slots chan struct{}

func newSlots(n, def int) slots {
	if n <= 0 {
		n = def
	}
	return make(slots, n)
}

// hold runs fn in a free slot, waiting for one unless ctx ends first.
func (s slots) hold(ctx context.Context, fn func() error) error {
	select {
	case s <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-s }()
	return fn()
}

// batchID names a task by its items' keys: a lone item by its key, a
// batch by a digest of its keys in order (a rerun may hand the same items
// over in another order), so the same work queued twice runs once.
func batchID(prefix string, keys []string) string {
	if len(keys) == 1 {
		return prefix + ":" + keys[0]
	}
	keys = slices.Sorted(slices.Values(keys))
	h := sha256.New()
	for _, k := range keys {
		h.Write([]byte(k + "\n"))
	}
	return prefix + ":batch:" + hex.EncodeToString(h.Sum(nil)[:16])
}
