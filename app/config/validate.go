package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"time"
)

// Validate reports every bad value at once, naming the key, so an operator
// fixes a config in one pass instead of one restart per mistake.
func (c *Config) Validate() error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", key, fmt.Sprintf(format, args...)))
	}
	if _, err := time.LoadLocation(c.Timezone); err != nil {
		bad("timezone", "unknown time zone %q", c.Timezone)
	}
	if _, _, err := net.SplitHostPort(c.HTTP.Addr); err != nil {
		bad("http.addr", "want host:port, got %q", c.HTTP.Addr)
	}
	if !slices.Contains([]string{"debug", "info", "warn", "error"}, c.Log.Level) {
		bad("log.level", "want debug|info|warn|error, got %q", c.Log.Level)
	}
	if !slices.Contains([]string{"text", "json"}, c.Log.Format) {
		bad("log.format", "want text|json, got %q", c.Log.Format)
	}
	c.Database.validate(bad)
	c.Redis.validate(bad)
	c.Worker.validate(bad)
	c.WeCom.validate(bad)
	c.Sandbox.validate(c.Env, bad)
	c.Channels.validate(bad)
	c.WeChat.validate(bad)
	c.Mini.validate(bad)
	c.Digest.validate(bad)
	c.MassSend.validate(bad)
	c.Behavior.validate(bad)
	c.Scheduler.validate(bad)
	c.Stats.validate(bad)
	c.Uplift.validate(bad)
	c.Panel.validate(c.Env, bad)
	c.Security.validateAPIToken(bad)
	if c.Security.SecretKey == "" && c.Security.SecretKeyFile == "" {
		bad("security.secret_key", "empty (set SIYU_SECURITY_SECRET_KEY)")
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("invalid configuration:\n%w", err)
	}
	return nil
}

type reporter func(key, format string, args ...any)

func (d Database) validate(bad reporter) {
	if d.Driver != DriverSQLite && d.Driver != DriverMySQL {
		bad("database.driver", "want sqlite|mysql, got %q", d.Driver)
	}
	if d.DSN == "" {
		bad("database.dsn", "empty (set SIYU_DATABASE_DSN)")
	}
	if d.MaxOpenConns < 1 {
		bad("database.max_open_conns", "must be at least 1")
	}
	if len(d.Nodes) > 0 && d.Driver != DriverMySQL {
		bad("database.nodes", "a Galera cluster's nodes need driver mysql, got %q", d.Driver)
	}
	for _, n := range d.Nodes {
		if _, port, err := net.SplitHostPort(n); err != nil || port == "" {
			bad("database.nodes", "want host:port, got %q", n)
		}
	}
}

func (r Redis) validate(bad reporter) {
	switch r.Mode {
	case RedisEmbedded:
		if r.SnapshotInterval < 0 {
			bad("redis.snapshot_interval", "must not be negative")
		}
	case RedisStandalone:
		if r.Addr == "" {
			bad("redis.addr", "empty")
		}
	case RedisSentinel:
		if len(r.Addrs) == 0 || r.MasterName == "" {
			bad("redis.addrs", "sentinel mode needs addrs and master_name")
		}
	case RedisCluster:
		if len(r.Addrs) == 0 {
			bad("redis.addrs", "cluster mode needs at least one address")
		}
	default:
		bad("redis.mode", "want embedded|standalone|sentinel|cluster, got %q", r.Mode)
	}
}

func (w Worker) validate(bad reporter) {
	if w.Concurrency < 1 {
		bad("worker.concurrency", "must be at least 1")
	}
	if w.ReadConcurrency < 1 {
		bad("worker.read_concurrency", "must be at least 1")
	}
	if w.CriticalConcurrency < 1 {
		bad("worker.critical_concurrency", "must be at least 1")
	}
	if len(w.Queues) == 0 {
		bad("worker.queues", "at least one queue is needed")
	}
	for name, weight := range w.Queues {
		if weight < 1 {
			bad("worker.queues."+name, "weight must be at least 1")
		}
	}
}

func (w WeCom) validate(bad reporter) {
	for key, base := range map[string]string{"wecom.api_base": w.APIBase, "wecom.mini_api_base": w.MiniAPIBase} {
		if u, err := url.Parse(base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad(key, "want an http(s) URL, got %q", base)
		}
	}
	if w.CallbackMaxSkew <= 0 {
		bad("wecom.callback_max_skew", "must be positive")
	}
	if w.CallbackMaxBytes < 1024 {
		bad("wecom.callback_max_bytes", "must be at least 1024")
	}
	positive := map[string]int64{"wecom.http_timeout": int64(w.HTTPTimeout),
		"wecom.rate.per_minute": int64(w.Rate.PerMinute), "wecom.rate.per_hour": int64(w.Rate.PerHour), "wecom.rate.burst": int64(w.Rate.Burst),
		"wecom.retry.attempts": int64(w.Retry.Attempts), "wecom.retry.base": int64(w.Retry.Base), "wecom.retry.max": int64(w.Retry.Max),
		"wecom.reconcile.every": int64(w.Reconcile.Every), "wecom.reconcile.retry_after": int64(w.Reconcile.RetryAfter),
		"wecom.reconcile.stall_after": int64(w.Reconcile.StallAfter)}
	for key, v := range positive {
		if v <= 0 {
			bad(key, "must be positive")
		}
	}
	if w.Rate.PerMinute+w.Rate.Burst > 10000 || w.Rate.PerHour+max(w.Rate.Burst, w.Rate.PerMinute) > 150000 {
		bad("wecom.rate", "per_minute+burst must be ≤ 10000 and per_hour+max(burst, per_minute) ≤ 150000 (WeCom's own limits)")
	}
}
