package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/hibiken/asynq"

	"github.com/siyu-scrm/siyu/app/assign"
	"github.com/siyu-scrm/siyu/app/channel"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/directory"
	"github.com/siyu-scrm/siyu/app/inbox"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/secret"
	"github.com/siyu-scrm/siyu/app/transfer"
	"github.com/siyu-scrm/siyu/tasks"
	"github.com/siyu-scrm/siyu/wecom"
)

// wiring holds the long-lived components of one process, built once from
// the configuration and closed in reverse order.
type wiring struct {
	cfg      *config.Config
	log      *slog.Logger
	db       *db.DB
	redis    *kv.Redis
	metrics  *metrics.Metrics
	mux      *asynq.ServeMux
	queue    *asynq.Client
	corps    *db.CorpStore
	receiver *inbox.Receiver
	channels *channel.Service
	clients  *directory.CorpClients
	dir      *directory.Service
	transfer *transfer.Service
	assign   *assign.Service
	extras   *extras // API token and demo sandbox, set by serve
	base     string  // http://host:port this process listens on, once it does
	// deploymentKey seals secrets and, derived, signs panel sessions.
	deploymentKey []byte
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

// buildCapabilities wires WeCom, the inbox and the directory onto the
// database and Redis.
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
	w.corps = db.NewCorpStore(w.db, box)
	events := db.NewInboxStore(w.db)
	w.queue = asynq.NewClient(w.redis.Conn)
	enqueuer := tasks.NewEnqueuer(w.queue)
	w.clients = directory.NewCorpClients(w.corps, w.redis.Client, w.clientOptions()...)
	dir := directory.New(w.db, w.clients, w.redis, enqueuer, w.log, metrics.NewSyncProgress(w.metrics.Registry))
	w.dir = dir
	if err := w.buildChannels(w.clients); err != nil {
		return err
	}
	assigner := assign.New(w.db, w.corps, assign.ClientsOf(w.clients), dir, w.channels, w.cfg.Assign.DefaultWelcome, w.log)
	w.assign = assigner
	w.transfer = transfer.New(w.db, transfer.ClientsOf(w.clients), enqueuer, w.log)
	dir.SettleTransfersWith(w.transfer)
	w.mux = tasks.NewServeMux(tasks.Deps{Log: w.log, Metrics: w.metrics, Inbox: events, Events: dir, Enqueuer: enqueuer, Syncer: dir, Refresher: dir,
		Reconcile: reconcileWith(dir, w.cfg.WeCom.Reconcile), ChannelMaintain: w.channels.Maintain, Onboarder: assigner, Pool: poolWith(w.corps, assigner),
		OnboardConcurrency: w.cfg.Worker.CriticalConcurrency, ReadConcurrency: w.cfg.Worker.ReadConcurrency,
		Transfers: w.transfer, TransferFollow: followWith(w.corps, w.transfer)})
	w.receiver = inbox.NewReceiver(w.corps, events, enqueuer, metrics.NewCallbacks(w.metrics.Registry), w.log,
		inbox.Config{MaxSkew: w.cfg.WeCom.CallbackMaxSkew})
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
	if w.queue != nil {
		errs = append(errs, w.queue.Close())
	}
	if w.redis != nil {
		errs = append(errs, w.redis.Close())
	}
	if w.db != nil {
		errs = append(errs, w.db.Close())
	}
	return errors.Join(errs...)
}
