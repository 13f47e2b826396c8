package sandbox

import (
	"context"
	"sync"
	"time"
)

// deliverer is a corp's callback queue and its workers.
type deliverer struct {
	corp *Corp
	opts DeliveryOptions

	mu       sync.Mutex
	cond     *sync.Cond
	queue    []*Delivery
	held     []*Delivery
	holding  bool
	pending  int           // queued or in flight
	idle     chan struct{} // closed whenever pending is 0
	started  bool
	closed   bool
	all      []*Delivery
	dupNext  int
	dupCount int
}

func newDeliverer(c *Corp, opts DeliveryOptions) *deliverer {
	d := &deliverer{corp: c, opts: opts, idle: make(chan struct{})}
	close(d.idle)
	d.cond = sync.NewCond(&d.mu)
	return d
}

// enqueue adds deliveries of ev: one, plus any duplicates asked for.
func (d *deliverer) enqueue(ev Event) {
	dup := d.corp.sb.chance(d.opts.DuplicateProbability)
	d.mu.Lock()
	defer d.mu.Unlock()
	copies := 1
	if dup {
		copies++
	}
	if d.dupNext > 0 {
		d.dupNext--
		copies += d.dupCount - 1
	}
	for i := range copies {
		dl := &Delivery{ID: len(d.all) + 1, Event: ev, Duplicate: i > 0, State: DeliveryPending}
		d.all = append(d.all, dl)
		d.push(dl)
	}
}

// push queues a delivery, or holds it; callers hold d.mu.
func (d *deliverer) push(dl *Delivery) {
	if d.closed {
		dl.State = DeliveryAbandoned
		return
	}
	if d.holding {
		d.held = append(d.held, dl)
		return
	}
	if d.pending == 0 {
		d.idle = make(chan struct{})
	}
	d.pending++
	d.queue = append(d.queue, dl)
	d.startWorkers()
	d.cond.Signal()
}

func (d *deliverer) startWorkers() {
	if d.started {
		return
	}
	d.started = true
	for range d.opts.Workers {
		go d.work()
	}
}

func (d *deliverer) work() {
	for {
		dl, ok := d.next()
		if !ok {
			return
		}
		d.corp.deliver(d.corp.sb.ctx, dl, d.opts)
		d.done()
	}
}

// next waits for a queued delivery; false once the deliverer is closed.
func (d *deliverer) next() (*Delivery, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for len(d.queue) == 0 && !d.closed {
		d.cond.Wait()
	}
	if d.closed {
		return nil, false
	}
	dl := d.queue[0]
	d.queue = d.queue[1:]
	return dl, true
}

func (d *deliverer) done() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.pending--
	if d.pending == 0 {
		close(d.idle)
	}
}

// close abandons what is still queued and stops the workers.
func (d *deliverer) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return
	}
	d.closed = true
	for _, dl := range append(d.queue, d.held...) {
		dl.State = DeliveryAbandoned
	}
	if len(d.queue) > 0 {
		d.pending -= len(d.queue)
		if d.pending == 0 {
			close(d.idle)
		}
	}
	d.queue, d.held = nil, nil
	d.cond.Broadcast()
}

// wait blocks until nothing is queued or in flight (held deliveries do not
// count until released).
func (d *deliverer) wait(ctx context.Context) error {
	d.mu.Lock()
	idle := d.idle
	d.mu.Unlock()
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// sleepCtx sleeps for dur unless ctx ends first; it reports whether the
// full time passed.
func sleepCtx(ctx context.Context, dur time.Duration) bool {
	if dur <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(dur)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
