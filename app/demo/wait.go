package demo

import (
	"context"
	"slices"
	"time"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// FirstOutcomeWait bounds how long a fired action waits for the first
// attempt of its callbacks: WeCom gives a receiver five seconds to answer,
// and a little more for the queue.
const FirstOutcomeWait = 6 * time.Second

// awaitFirst waits until each delivery of events has had its first
// attempt, at most FirstOutcomeWait, and returns the refusals among them.
func (d *Demo) awaitFirst(ctx context.Context, events []int64) []Refusal {
	deadline := time.Now().Add(FirstOutcomeWait)
	for {
		pending, refused := FirstOutcomes(OfEvents(d.corp.Deliveries(), events))
		if !pending || time.Now().After(deadline) || ctx.Err() != nil {
			return refused
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// OfEvents keeps the deliveries of the listed events (copies included).
func OfEvents(ds []sandbox.Delivery, events []int64) []sandbox.Delivery {
	var out []sandbox.Delivery
	for _, dl := range ds {
		if slices.Contains(events, dl.Event.Seq) {
			out = append(out, dl)
		}
	}
	return out
}
