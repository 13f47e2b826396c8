package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/channel"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/directory"
	"github.com/siyu-scrm/siyu/app/inbox"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/secret"
	"github.com/siyu-scrm/siyu/app/wechat"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
	"github.com/siyu-scrm/siyu/wecom"
)

// wiring holds the long-lived components of one process, built once from
// the configuration (through the composition root) and closed in reverse
// order.
type wiring struct {
	cfg     *config.Config
	log     *slog.Logger
	db      *db.DB
	redis   *kv.Redis
	metrics *metrics.Metrics
	*root.Graph
	extras *extras // API token and demo sandbox, set by serve
	base   string  // http://host:port this process listens on, once it does
	// deploymentKey seals secrets and, derived, signs panel sessions.
	deploymentKey []byte
	// schedulerClock is the scheduler's clock (time.Now when nil; a test
	// sets it off by some time to show schedulers agree whatever their
	// clocks).
	schedulerClock func() time.Time
	// checks are /readyz's checks beyond the database and Redis, added
	// by the roles serve starts.
	checks []api.Check
}

func build(ctx context.Context, cfg *config.Config, log *slog.Logger) (*wiring, error) {
	w := &wiring{cfg: cfg, log: log, metrics: metrics.New()}
	var err error
	if w.db, err = db.Open(ctx, cfg.Database, log); err != nil {
		return nil, err
	}
	if err := prepareSchema(ctx, w.db, cfg.Database.AutoMigrate, log); err != nil {
		w.close()
		return nil, err
	}
	if w.redis, err = kv.Open(ctx, cfg.Redis, log); err != nil {
		w.close()
		return nil, err
	}
	w.metrics.Registry.MustRegister(metrics.NewQueueCollector(asynq.NewInspector(w.redis.Conn), log))
	if err := w.buildCapabilities(); err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

// buildCapabilities builds the graph of capabilities through the
// composition root, from the configuration.
func (w *wiring) buildCapabilities() error {
	key, err := secret.LoadKey(w.cfg.Security.SecretKey, w.cfg.Security.SecretKeyFile)
	if err != nil {
		return err
	}
	box, err := secret.New(key)
	if err != nil {
		return err
	}
	w.deploymentKey = key
	if err := wecom.Install(w.cfg.WeCom.APIBase, w.cfg.WeCom.MiniAPIBase, wecom.NewHTTPClient(w.cfg.WeCom.HTTPTimeout)); err != nil {
		return err
	}
	c, rc, ch := w.cfg, w.cfg.WeCom.Reconcile, w.cfg.Channels
	w.Graph = root.New(w.db, w.redis, root.Options{Log: w.log, Metrics: w.metrics, Box: box, Auth: auth.Options{BcryptCost: w.cfg.Security.BcryptCost},
		WeCom: w.clientOptions(), DefaultWelcome: c.Assign.DefaultWelcome, ReadConcurrency: c.Worker.ReadConcurrency,
		CriticalConcurrency: c.Worker.CriticalConcurrency,
		Reconcile:           directory.ReconcilePolicy{Every: rc.Every, RetryAfter: rc.RetryAfter, StallAfter: rc.StallAfter},
		Receiver:            inbox.Config{MaxSkew: c.WeCom.CallbackMaxSkew},
		QR:                  channel.QROptions{Hosts: ch.QRHosts, MaxBytes: ch.QRMaxBytes, Timeout: ch.QRTimeout, Bases: sandboxQRBases(c)},
		WeChat:              wechat.Options{PermanentCap: c.WeChat.PermanentQRCap, GuideDays: c.WeChat.TemporaryQRDays},
		PanelURL:            w.panelPublicURL,
		Behavior:            behaviorOptions(c.Behavior),
		MassSend:            massSendOptions(c.MassSend), MiniSessionTTL: c.Mini.SessionTTL, DigestHour: c.Digest.Hour,
		StatsRecomputeDays: c.Stats.RecomputeDays, Uplift: upliftOptions(c.Uplift)})
	return nil
}

// prepareSchema migrates when the configuration asks for it (the embedded
// default) and otherwise refuses to run on a schema of another version.
func prepareSchema(ctx context.Context, d *db.DB, auto bool, log *slog.Logger) error {
	m, err := d.Migrator()
	if err != nil {
		return err
	}
	if !auto {
		return m.RequireCurrent(ctx)
	}
	results, err := m.Up(ctx)
	for _, r := range results {
		log.Info("migration applied", "file", r.Source.Path, "duration", r.Duration)
	}
	if err != nil {
		return fmt.Errorf("auto-migrate: %w", err)
	}
	return nil
}

// close releases Redis (which, embedded, saves its snapshot) and then the
// database. Call it only after the worker has handed back its tasks.
func (w *wiring) close() error {
	var errs []error
	if w.Graph != nil {
		errs = append(errs, w.Graph.Close())
	}
	if w.redis != nil {
		errs = append(errs, w.redis.Close())
	}
	if w.db != nil {
		errs = append(errs, w.db.Close())
	}
	return errors.Join(errs...)
}
