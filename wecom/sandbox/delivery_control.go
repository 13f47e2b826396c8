package sandbox

import (
	"context"
	"fmt"
)

// ReleaseOrder is the order in which held deliveries are released.
type ReleaseOrder int

// The release orders.
const (
	InOrder  ReleaseOrder = iota // as the events happened
	Reversed                     // newest first
	Shuffled                     // a seeded random permutation
)

// emit queues an event for delivery.
func (c *Corp) emit(ev Event) { c.delivery.enqueue(ev) }

// Deliveries returns every delivery of the corp so far, oldest first, with
// its attempts.
func (c *Corp) Deliveries() []Delivery {
	d := c.delivery
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]Delivery, len(d.all))
	for i, dl := range d.all {
		out[i] = *dl
		out[i].Attempts = append([]Attempt(nil), dl.Attempts...)
	}
	return out
}

// Events returns every event the corp emitted, once each, in order.
func (c *Corp) Events() []Event {
	var out []Event
	for _, dl := range c.Deliveries() {
		if !dl.Duplicate {
			out = append(out, dl.Event)
		}
	}
	return out
}

// WaitDeliveries blocks until every queued delivery has finished (been
// delivered, or failed after its retries). Held deliveries are not waited
// for until released.
func (c *Corp) WaitDeliveries(ctx context.Context) error {
	if err := c.delivery.wait(ctx); err != nil {
		return fmt.Errorf("sandbox: wait for deliveries of %s: %w", c.cfg.CorpID, err)
	}
	return nil
}

// WaitDeliveries waits for the deliveries of every corp.
func (s *Sandbox) WaitDeliveries(ctx context.Context) error {
	s.mu.Lock()
	corps := s.corpList()
	s.mu.Unlock()
	for _, c := range corps {
		if err := c.WaitDeliveries(ctx); err != nil {
			return err
		}
	}
	return nil
}

// HoldDeliveries keeps new events from being sent until ReleaseDeliveries,
// so a test can reorder them.
func (c *Corp) HoldDeliveries() {
	c.delivery.mu.Lock()
	defer c.delivery.mu.Unlock()
	c.delivery.holding = true
}

// ReleaseDeliveries queues the held deliveries in the given order and
// stops holding.
func (c *Corp) ReleaseDeliveries(order ReleaseOrder) {
	d := c.delivery
	d.mu.Lock()
	held := d.held
	d.held, d.holding = nil, false
	d.mu.Unlock()
	switch order {
	case Reversed:
		for i, j := 0, len(held)-1; i < j; i, j = i+1, j-1 {
			held[i], held[j] = held[j], held[i]
		}
	case Shuffled:
		for i := len(held) - 1; i > 0; i-- {
			j := c.sb.intn(i + 1)
			held[i], held[j] = held[j], held[i]
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, dl := range held {
		d.push(dl)
	}
}

// ReleaseNewest sends only the newest held delivery and keeps holding the
// others, so a test can have a later event applied before an earlier one
// is even delivered.
func (c *Corp) ReleaseNewest() {
	d := c.delivery
	d.mu.Lock()
	defer d.mu.Unlock()
	if n := len(d.held); n > 0 {
		newest := d.held[n-1]
		d.held, d.holding = d.held[:n-1], false
		d.push(newest)
		d.holding = true
	}
}

// DuplicateNext makes each of the next events events be delivered copies
// times in all (copies ≥ 2 for duplicates).
func (c *Corp) DuplicateNext(events, copies int) {
	c.delivery.mu.Lock()
	defer c.delivery.mu.Unlock()
	c.delivery.dupNext, c.delivery.dupCount = events, max(copies, 1)
}
