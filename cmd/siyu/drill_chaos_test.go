package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/kv"
)

// drillQueueKey is a key of asynq's default queue: the primary holding it
// is the one whose death hurts most.
const drillQueueKey = "asynq:{default}:pending"

// chaosLog is what the chaos did, and when.
type chaosLog struct {
	began                        time.Time
	send                         int64 // the mass send's id
	galeraNode                   int
	galeraStopped, galeraStarted time.Time
	galeraStarting               time.Time
	redisKilled, redisBack       time.Time
	redisPrimary                 string
	kills                        int
}

func (c *chaosLog) String() string {
	at := func(t time.Time) time.Duration { return t.Sub(c.began).Round(100 * time.Millisecond) }
	return fmt.Sprintf("Galera node %d stopped at +%s, Synced again at +%s (started at +%s); Redis primary %s killed at +%s, its replica served the slots %s later",
		c.galeraNode, at(c.galeraStopped), at(c.galeraStarted), at(c.galeraStarting), c.redisPrimary, at(c.redisKilled), c.redisBack.Sub(c.redisKilled).Round(100*time.Millisecond))
}

// chaos runs drillLength from began: a kill and restart every 2–4 s, the
// mass send created at 10 s, a Galera node stopped at 12 s and started
// again at 28 s, the queue's Redis primary killed at 20 s; guides confirm
// the send's tasks as they appear.
func (w *drill) chaos(t *testing.T, rng *rand.Rand, began time.Time) *chaosLog {
	c := &chaosLog{began: began, galeraNode: 1 + rng.IntN(3)}
	nextKill := began.Add(time.Duration(2000+rng.IntN(2000)) * time.Millisecond)
	var galeraUp chan galeraStart
	for now := time.Now(); now.Before(began.Add(drillLength)); now = time.Now() {
		switch at := now.Sub(began); {
		case c.send == 0 && at > 10*time.Second:
			c.send = w.createMassSend(t)
		case c.galeraStopped.IsZero() && at > 12*time.Second:
			w.stopGalera(t, c)
		case c.redisKilled.IsZero() && at > 20*time.Second:
			c.redisPrimary, c.redisKilled = w.cluster.KillPrimary(t, drillQueueKey), time.Now()
		case galeraUp == nil && at > 28*time.Second:
			galeraUp, c.galeraStarting = w.startGalera(c.galeraNode), time.Now()
		case now.After(nextKill):
			w.fleet.killOne(t, rng)
			c.kills++
			nextKill = time.Now().Add(time.Duration(2000+rng.IntN(2000)) * time.Millisecond)
		}
		if !c.redisKilled.IsZero() && c.redisBack.IsZero() && w.queueWritable() {
			c.redisBack = time.Now()
		}
		w.confirmAll(t, c.send)
		time.Sleep(100 * time.Millisecond)
	}
	up := <-galeraUp
	require.NoError(t, up.err, "Galera node %d rejoins", c.galeraNode)
	c.galeraStarted = up.synced
	for ; c.redisBack.IsZero() || !w.queueWritable(); time.Sleep(100 * time.Millisecond) {
		require.Less(t, time.Since(c.redisKilled), time.Minute, "a replica takes over the killed primary's slots")
	}
	if c.redisBack.IsZero() {
		c.redisBack = time.Now()
	}
	return c
}

// stopGalera stops one node of the drill's cluster (which the test's end
// stops whole, whether the node came back or not).
func (w *drill) stopGalera(t *testing.T, c *chaosLog) {
	out, err := w.galera.Node("stop", c.galeraNode).CombinedOutput()
	require.NoError(t, err, "stop Galera node %d: %s", c.galeraNode, out)
	c.galeraStopped = time.Now()
}

// galeraStart is when a node started again was Synced, or why not.
type galeraStart struct {
	synced time.Time
	err    error
}

// startGalera starts the node again and waits until it is Synced, in the
// background: a rejoin takes seconds.
func (w *drill) startGalera(n int) chan galeraStart {
	done := make(chan galeraStart, 1)
	go func() {
		out, err := w.galera.Node("start", n).CombinedOutput()
		if err != nil {
			err = fmt.Errorf("%w: %s", err, out)
		}
		done <- galeraStart{synced: time.Now(), err: err}
	}()
	return done
}

// queueWritable reports whether the queue key's slot takes writes: a
// client of its own maps the slots afresh.
func (w *drill) queueWritable() bool {
	c := redis.NewClusterClient(kv.ClusterConn{Addrs: w.cluster.Addrs}.Options())
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	return c.Set(ctx, "{default}:drill", 1, time.Minute).Err() == nil
}
