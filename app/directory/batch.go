package directory

import (
	"context"
	"sync"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// contactOp is an add or a deletion waiting to be written with others.
type contactOp struct {
	e     contactEvent
	err   error
	ready chan bool // true: this op's goroutine now leads; false: err is set
}

// batcher writes the adds and deletions that workers hand it concurrently
// in shared transactions (group commit): while one transaction is in
// flight, the ops arriving queue up, and the first of them then leads the
// next transaction for all of them. A burst thus costs one claim, one
// upsert and one commit per batch rather than per event, and a lone event
// waits for nothing.
type batcher struct {
	mu    sync.Mutex
	busy  bool
	queue []*contactOp
	max   int
	write func(ctx context.Context, ops []*contactOp)
}

// do writes op's event with whatever else is queued and returns its result.
func (b *batcher) do(ctx context.Context, e contactEvent) error {
	op := &contactOp{e: e, ready: make(chan bool, 1)}
	b.mu.Lock()
	b.queue = append(b.queue, op)
	lead := !b.busy
	b.busy = true
	b.mu.Unlock()
	if !lead && !<-op.ready {
		return op.err
	}
	b.mu.Lock()
	n := min(len(b.queue), b.max)
	ops := b.queue[:n:n]
	b.queue = b.queue[n:]
	b.mu.Unlock()
	b.lead(ctx, ops)
	return ops[0].err
}

// lead writes ops as one batch. The batch is everyone's, so it does not
// end with the leader's task (its cancellation would fail the others),
// and whatever happens, a panic included, the next batch gets a leader
// and every op an outcome: after a panic, errAborted (an op the panicking
// write had already committed finds its event claimed when retried).
func (b *batcher) lead(ctx context.Context, ops []*contactOp) {
	defer func() {
		r := recover()
		if r != nil {
			for _, o := range ops {
				o.err = errAborted
			}
		}
		b.handOver()
		for _, o := range ops[1:] {
			o.ready <- false
		}
		if r != nil {
			panic(r)
		}
	}()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), batchTimeout)
	defer cancel()
	b.write(ctx, ops)
}

// batchTimeout bounds one shared transaction however its leader's task
// was bounded.
const batchTimeout = time.Minute

// errAborted is the outcome of an op whose batch stopped before writing it.
var errAborted = app.Errorf(app.EUNAVAILABLE, "批量写入中断，稍后重试")

// handOver makes the first queued op lead the next batch, or marks the
// batcher idle.
func (b *batcher) handOver() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.queue) == 0 {
		b.busy = false
		return
	}
	b.queue[0].ready <- true
}
