// Package kv connects Siyu to Redis: a real deployment (standalone, Sentinel
// or Cluster) in production, or an in-process miniredis for the embedded
// default. Callers get the same two handles either way: asynq connection
// options for the task queue and a go-redis client for caches and limits.
package kv

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
)

// Redis is an open Redis connection.
type Redis struct {
	// Conn describes the server to asynq (client, server, inspector, asynqmon).
	Conn asynq.RedisConnOpt
	// Client is for Siyu's own keys: token cache, rate limits, locks.
	Client   redis.UniversalClient
	embedded *Embedded
}

// Open connects to the Redis that cfg names, starting the embedded one if
// asked, and checks it answers.
func Open(ctx context.Context, cfg config.Redis, log *slog.Logger) (*Redis, error) {
	r := &Redis{}
	if cfg.Mode == config.RedisEmbedded {
		e, err := StartEmbedded(cfg, log)
		if err != nil {
			return nil, err
		}
		r.embedded = e
		cfg.Addr = e.Addr()
	}
	conn, err := ConnOpt(cfg)
	if err != nil {
		r.Close()
		return nil, err
	}
	r.Conn = conn
	r.Client = conn.MakeRedisClient().(redis.UniversalClient)
	// A cluster with a primary down still starts (app.Degraded): its
	// replica takes over in seconds, and a supervisor restarting the
	// process meanwhile would only lose the work it could do.
	if err := r.Ping(ctx); err != nil && !errors.As(err, new(app.Degraded)) {
		r.Close()
		return nil, fmt.Errorf("redis (%s): %w", cfg.Mode, err)
	}
	return r, nil
}

// ConnOpt maps the configured mode to asynq's connection options; embedded
// mode is a standalone server on loopback by the time this is called.
func ConnOpt(cfg config.Redis) (asynq.RedisConnOpt, error) {
	switch cfg.Mode {
	case config.RedisStandalone, config.RedisEmbedded:
		return asynq.RedisClientOpt{Addr: cfg.Addr, Username: cfg.Username, Password: cfg.Password, DB: cfg.DB}, nil
	case config.RedisSentinel:
		return asynq.RedisFailoverClientOpt{MasterName: cfg.MasterName, SentinelAddrs: cfg.Addrs, Username: cfg.Username, Password: cfg.Password, DB: cfg.DB}, nil
	case config.RedisCluster:
		return ClusterConn{Addrs: cfg.Addrs, Username: cfg.Username, Password: cfg.Password}, nil
	}
	return nil, fmt.Errorf("unknown redis mode %q", cfg.Mode)
}

// Ping checks Redis answers within a short deadline.
func (r *Redis) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if c, ok := r.Client.(*redis.ClusterClient); ok {
		return pingPrimaries(ctx, c)
	}
	return r.Client.Ping(ctx).Err()
}

// pingPrimaries pings every primary of the cluster's slot map, naming
// each that fails: one primary down leaves its slots without a server
// until its replica takes over, which a single PING (answered by any
// node) would not show. Some primaries down is app.Degraded; all down,
// or no slot map, an outage.
func pingPrimaries(ctx context.Context, c *redis.ClusterClient) error {
	var mu sync.Mutex
	var errs []error
	primaries := 0
	err := c.ForEachMaster(ctx, func(ctx context.Context, node *redis.Client) error {
		perr := node.Ping(ctx).Err()
		mu.Lock()
		defer mu.Unlock()
		primaries++
		if perr != nil {
			errs = append(errs, fmt.Errorf("redis %s: %w", node.Options().Addr, perr))
		}
		return nil
	})
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	if err == nil && len(errs) > 0 && len(errs) < primaries {
		return app.Degraded{Err: errors.Join(errs...)}
	}
	return errors.Join(append(errs, err)...)
}

// Time is Redis's clock (TIME; on a cluster, the node the client picks),
// against which schedulers check their own.
func (r *Redis) Time(ctx context.Context) (time.Time, error) { return r.Client.Time(ctx).Result() }

// Close closes the client and, in embedded mode, saves a snapshot and stops
// the server. Call it after the task server has handed back its tasks.
func (r *Redis) Close() error {
	var err error
	if r.Client != nil {
		err = r.Client.Close()
	}
	if r.embedded != nil {
		if e := r.embedded.Close(); e != nil {
			err = e
		}
	}
	return err
}
