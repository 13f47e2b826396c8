package tasks

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"slices"
	"sync"
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
