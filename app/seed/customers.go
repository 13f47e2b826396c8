package seed

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/siyu-scrm/siyu/app"
)

// writeCustomers writes every customer's story, chunk by chunk, from
// workers writers at once.
func (w *world) writeCustomers(ctx context.Context, st app.SeedStore, workers int) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var next, done atomic.Int64
	chunks := int64((w.o.Customers + ChunkSize - 1) / ChunkSize)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			e, err := newEmit(ctx, st)
			if err != nil {
				cancel(err)
				return
			}
			for c := next.Add(1) - 1; c < chunks && ctx.Err() == nil; c = next.Add(1) - 1 {
				from, to := int(c)*ChunkSize, min(int(c+1)*ChunkSize, w.o.Customers)
				if err := w.chunk(e, from, to); err != nil {
					cancel(err)
					break
				}
				if n := done.Add(int64(to - from)); w.o.Progress != nil {
					w.o.Progress(int(n), w.o.Customers)
				}
			}
			if err := e.close(w.counts); err != nil {
				cancel(err)
			}
		})
	}
	wg.Wait()
	return context.Cause(ctx)
}

// chunk writes customers [from, to) and flushes them.
func (w *world) chunk(e *emit, from, to int) error {
	parts := map[int]*part{}
	for i := from; i < to; i++ {
		c := w.draw(i)
		w.contact(e, c)
		w.members(e, c)
		w.tasks(e, c)
		w.recipients(e, c)
		w.participate(parts, c)
		w.help(e, parts, c)
	}
	w.participants(e, parts)
	return e.flush(w.counts)
}
