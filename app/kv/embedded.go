package kv

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/siyu-scrm/siyu/app/config"
)

// clockTick is how often the embedded server's clock is advanced. miniredis
// only expires keys when told time has passed; without this, TTLs (asynq's
// unique-task locks, server heartbeats, leases) would live forever.
const clockTick = 100 * time.Millisecond

// Embedded is an in-process Redis (miniredis) listening on loopback, with
// its clock driven by the wall clock and its contents saved to a snapshot
// file so queued tasks survive a restart of the embedded default.
type Embedded struct {
	mr       *miniredis.Miniredis
	snapshot string
	db       int
	log      *slog.Logger
	stop     chan struct{}
	wg       sync.WaitGroup
	closed   sync.Once
}

// StartEmbedded restores the snapshot at cfg.SnapshotPath (if any), listens
// on cfg.EmbeddedAddr and starts the clock and snapshot loops.
func StartEmbedded(cfg config.Redis, log *slog.Logger) (*Embedded, error) {
	e := &Embedded{mr: miniredis.NewMiniRedis(), snapshot: cfg.SnapshotPath, db: cfg.DB, log: log, stop: make(chan struct{})}
	n, err := restoreSnapshot(e.mr.DB(cfg.DB), cfg.SnapshotPath)
	if err != nil {
		return nil, fmt.Errorf("embedded redis: %w", err)
	}
	if n > 0 {
		log.Info("embedded redis restored", "keys", n, "path", cfg.SnapshotPath)
	}
	if err := e.mr.StartAddr(cfg.EmbeddedAddr); err != nil {
		return nil, fmt.Errorf("embedded redis: listen %s: %w", cfg.EmbeddedAddr, err)
	}
	e.wg.Add(1)
	go e.loop(cfg.SnapshotInterval)
	return e, nil
}

// Addr is the host:port the server listens on.
func (e *Embedded) Addr() string { return e.mr.Addr() }

func (e *Embedded) loop(snapshotEvery time.Duration) {
	defer e.wg.Done()
	clock := time.NewTicker(clockTick)
	defer clock.Stop()
	var save <-chan time.Time
	if e.snapshot != "" && snapshotEvery > 0 {
		t := time.NewTicker(snapshotEvery)
		defer t.Stop()
		save = t.C
	}
	last := time.Now()
	for {
		select {
		case <-e.stop:
			return
		case now := <-clock.C:
			e.mr.FastForward(now.Sub(last))
			last = now
		case <-save:
			if err := e.Save(context.Background()); err != nil {
				e.log.Error("embedded redis snapshot failed", "err", err)
			}
		}
	}
}

// Save writes an atomic snapshot of the server's data to the snapshot file.
func (e *Embedded) Save(ctx context.Context) error {
	if e.snapshot == "" {
		return nil
	}
	c := redis.NewClient(&redis.Options{Addr: e.Addr(), DB: e.db})
	defer c.Close()
	return saveSnapshot(ctx, c, e.snapshot)
}

// Close stops the loops, saves a final snapshot and stops the server.
func (e *Embedded) Close() error {
	var err error
	e.closed.Do(func() {
		close(e.stop)
		e.wg.Wait()
		err = e.Save(context.Background())
		e.mr.Close()
	})
	return err
}
