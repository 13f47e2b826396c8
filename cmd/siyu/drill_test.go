package main

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/app/testkit/mirror"
)

// drillLength is how long the drill's chaos lasts.
const drillLength = 45 * time.Second

// TestScaleOutDrill is issue 16's drill: 2 API, 2 worker and 2 scheduler
// processes of the real binary on a Galera cluster and a Redis Cluster
// of the test's own, behind a round-robin balancer
// that WeCom's callbacks (the sandbox's, 30% duplicated, four at once so
// reordered) come through. While an actor adds, deletes, edits and
// groups customers, a journey fires and a mass send is carried out, a
// random process is SIGKILLed every ~3 s and one of its role started in
// its place, a Galera node is stopped and started again, and the Redis
// primary of the event queue is killed (its replica takes over).
// Afterwards Siyu's directory equals the sandbox's, every acknowledged
// event was applied exactly once, the sandbox holds one WeCom task per
// (guide, chunk) of the send, no journey step fired twice for a customer,
// and every periodic entry ran in each of its periods.
func TestScaleOutDrill(t *testing.T) {
	t.Parallel()
	w := newDrill(t)
	began := time.Now()
	j := w.createJourney(t)
	a, err := mirror.NewActor(w.sc, drillGuides, 3)
	require.NoError(t, err)
	a.MaxPause = 1
	stop, acted := w.runActor(a)
	c := w.chaos(t, rand.New(rand.NewPCG(16, 4)), began)
	close(stop)
	require.NoError(t, <-acted, "the actor")
	ended := time.Now()
	w.settle(t, c)

	w.checkEvents(t)
	w.checkDirectory(t)
	w.checkMassSend(t, c.send)
	w.checkJourney(t, j)
	w.checkPeriodic(t, c, began.Truncate(periodicTick).Add(2*periodicTick), ended)
	testkit.Report(t, "drill: %s under chaos, %s in all; SIGKILLs by role %v (%d starts refused, retried); %s", drillLength,
		time.Since(began).Round(time.Second), w.fleet.kills, w.fleet.failedStarts, c)
}

// runActor steps a until stop closes, an action every 150 ms, and sends
// its first error (or nil) on the channel it returns.
func (w *drill) runActor(a *mirror.Actor) (chan struct{}, chan error) {
	stop, done := make(chan struct{}), make(chan error, 1)
	go func() {
		tick := time.NewTicker(150 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				done <- nil
				return
			case <-tick.C:
				if err := a.Step(); err != nil {
					done <- err
					return
				}
			}
		}
	}()
	return stop, done
}

// settle waits until every delivery is done, the mass send is done, the
// inbox has nothing pending and the queues are empty (a killed worker's
// task is handed on once its lease runs out, 30 s).
func (w *drill) settle(t *testing.T, c *chaosLog) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	require.NoError(t, w.sc.WaitDeliveries(ctx))
	for deadline := time.Now().Add(3 * time.Minute); ; time.Sleep(250 * time.Millisecond) {
		w.confirmAll(t, c.send)
		pending := w.count(t, "SELECT COUNT(*) FROM wecom_events WHERE status = 'pending'")
		status := w.massSendStatus(t, c.send)
		queued := w.queued(t)
		if pending == 0 && queued == 0 && status == "done" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the world did not settle: %d events pending, %d tasks queued, the send %s", pending, queued, status)
		}
	}
}
