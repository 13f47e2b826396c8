package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hibiken/asynq"
	"github.com/hibiken/asynqmon"

	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/tasks"
	"github.com/siyu-scrm/siyu/templates"
)

// Process roles, so the API and the worker can be scaled out separately.
const (
	roleAPI       = "api"
	roleWorker    = "worker"
	roleScheduler = "scheduler"
)

func serve(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer, h hooks) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	rolesFlag := fs.String("roles", "api,worker,scheduler", "comma-separated roles this process runs: api, worker, scheduler")
	if err := fs.Parse(args); err != nil {
		return err
	}
	roles, err := parseRoles(*rolesFlag)
	if err != nil {
		return err
	}
	log := newLogger(cfg.Log, stderr)
	x, err := prepareExtras(ctx, cfg, roles, log)
	if err != nil {
		return err
	}
	w, err := build(ctx, cfg, log)
	if err != nil {
		return errors.Join(err, x.close())
	}
	w.extras = x
	if h.register != nil {
		h.register(w)
	}
	p, err := start(w, roles, stdout)
	if err != nil {
		return errors.Join(err, w.close(), x.close())
	}
	if err := x.connect(ctx, w, p.base, stdout); err != nil {
		return errors.Join(err, p.shutdown(w), x.close())
	}
	select {
	case <-ctx.Done():
		log.Info("shutting down", "reason", context.Cause(ctx))
	case err = <-p.httpErr:
		log.Error("http server failed", "err", err)
	}
	return errors.Join(err, p.shutdown(w), x.close())
}

func parseRoles(s string) ([]string, error) {
	var roles []string
	for _, r := range strings.Split(s, ",") {
		r = strings.TrimSpace(r)
		if !slices.Contains([]string{roleAPI, roleWorker, roleScheduler}, r) {
			return nil, usageError{fmt.Sprintf("unknown role %q: want api, worker or scheduler", r)}
		}
		roles = append(roles, r)
	}
	return roles, nil
}

// process is what serve started, kept to stop it in order.
type process struct {
	base      string // http://host:port Siyu listens on
	http      *http.Server
	httpErr   chan error
	worker    *tasks.Worker
	scheduler *tasks.Scheduler
}

func start(w *wiring, roles []string, stdout io.Writer) (*process, error) {
	p := &process{httpErr: make(chan error, 1)}
	registerInstance(w, roles)
	if slices.Contains(roles, roleWorker) {
		p.worker = tasks.NewServer(w.redis.Conn, w.cfg.Worker, w.log)
		if err := p.worker.Start(w.Mux); err != nil {
			return nil, fmt.Errorf("start worker: %w", err)
		}
		if w.cfg.Redis.Mode == config.RedisEmbedded {
			// The in-process Redis came back from its last snapshot: what
			// it held after that, a crash lost; the database still has it.
			if _, err := w.Queue.Enqueue(tasks.NewRecoveryRelayTask(time.Now()), asynq.Queue(tasks.QueueLow)); err != nil {
				w.log.Warn("recovery relay not queued; the minute relay will do it", "err", err)
			}
		}
	}
	if slices.Contains(roles, roleScheduler) {
		s, err := startScheduler(w, !slices.Contains(roles, roleAPI))
		if err != nil {
			p.stopTasks()
			return nil, fmt.Errorf("start scheduler: %w", err)
		}
		p.scheduler = s
	}
	ln, err := net.Listen("tcp", w.cfg.HTTP.Addr)
	if err != nil {
		p.stopTasks()
		return nil, fmt.Errorf("listen %s: %w", w.cfg.HTTP.Addr, err)
	}
	p.base = "http://" + ln.Addr().String()
	w.base = p.base
	handler, err := httpHandler(w, slices.Contains(roles, roleAPI))
	if err != nil {
		ln.Close()
		p.stopTasks()
		return nil, err
	}
	p.http = &http.Server{Handler: handler, ReadHeaderTimeout: w.cfg.HTTP.ReadHeaderTimeout}
	go func() {
		if err := p.http.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			p.httpErr <- err
		}
	}()
	announce(stdout, w, roles, p.base)
	return p, nil
}

// startScheduler starts the periodic-task scheduler. Without the api
// role its clock's agreement with Redis is one of /readyz's checks: the
// process takes no traffic, so an orchestrator showing it unready is how
// an operator learns; an api process keeps serving whatever its clock.
func startScheduler(w *wiring, clockReady bool) (*tasks.Scheduler, error) {
	s, err := tasks.NewScheduler(w.redis.Conn, w.cfg.Timezone, w.cfg.Scheduler.Tick, w.log, w.schedulerClock,
		tasks.SchedulerMetrics(metrics.NewScheduler(w.metrics.Registry)), tasks.RedisClock(w.redis.Time),
		tasks.MaxClockSkew(w.cfg.Scheduler.MaxClockSkew))
	if err != nil {
		return nil, err
	}
	if err := s.Start(); err != nil {
		s.Shutdown()
		return nil, err
	}
	if clockReady {
		w.checks = append(w.checks, api.Check{Name: "scheduler_clock", Ping: s.CheckClock})
	}
	return s, nil
}

// registerInstance names this process in its metrics, so the figures of
// many instances can be told apart.
func registerInstance(w *wiring, roles []string) {
	host, _ := os.Hostname()
	metrics.RegisterInstance(w.metrics.Registry, metrics.Instance{Roles: roles, Version: version, Host: host, PID: os.Getpid()})
}

// httpHandler serves the whole API for the api role; a worker-only process
// serves just the probes and metrics its orchestrator scrapes.
func httpHandler(w *wiring, withAPI bool) (http.Handler, error) {
	pages, err := templates.Parse()
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	d := api.Deps{
		Log: w.log, Metrics: w.metrics, Pages: pages, Version: version, Env: w.cfg.Env,
		Checks: append([]api.Check{{Name: "database", Ping: w.db.Ping}, {Name: "redis", Ping: w.redis.Ping}}, w.checks...),
	}
	if withAPI {
		d.Monitoring = asynqmon.New(asynqmon.Options{RootPath: api.MonitoringPath, RedisConnOpt: w.redis.Conn})
		d.MonitoringUser, d.MonitoringPassword = w.cfg.HTTP.MonitoringUser, w.cfg.HTTP.MonitoringPassword
		d.CallbackMaxBytes = w.cfg.WeCom.CallbackMaxBytes
		d.MiniLimits = miniLimits(w.cfg.Mini)
		d.Queues, d.Calls = metrics.QueueStats{Insp: asynq.NewInspector(w.redis.Conn)}, kv.NewCallLog(w.redis)
		if d.Panel, err = w.panelDeps(); err != nil {
			return nil, err
		}
		w.extras.mount(w, &d)
	}
	return api.New(d), nil
}

// shutdown stops taking requests and tasks, lets in-flight work finish
// within the configured timeouts (asynq hands unfinished tasks back to the
// queue), then closes Redis and the database.
func (p *process) shutdown(w *wiring) error {
	var wg sync.WaitGroup
	var httpErr error
	wg.Go(func() {
		ctx, cancel := context.WithTimeout(context.Background(), w.cfg.HTTP.ShutdownTimeout)
		defer cancel()
		httpErr = p.http.Shutdown(ctx)
	})
	wg.Go(p.stopTasks)
	wg.Wait()
	err := errors.Join(httpErr, w.close())
	w.log.Info("stopped", "err", err)
	return err
}

func (p *process) stopTasks() {
	if p.scheduler != nil {
		p.scheduler.Shutdown()
	}
	if p.worker != nil {
		p.worker.Shutdown()
	}
}

func announce(out io.Writer, w *wiring, roles []string, base string) {
	fmt.Fprintf(out, "Siyu %s 已启动 (roles: %s; database: %s; redis: %s)\n", version, strings.Join(roles, ","), w.cfg.Database.Driver, w.cfg.Redis.Mode)
	fmt.Fprintf(out, "listening on %s\n", base)
	links := [][2]string{{"健康检查", "/healthz"}, {"就绪检查", "/readyz"}, {"Prometheus 指标", "/metrics"}}
	if slices.Contains(roles, roleAPI) {
		links = append(links, [2]string{"状态页", "/"}, [2]string{"任务监控", "/monitoring/"})
	}
	for _, l := range links {
		fmt.Fprintf(out, "  %-40s %s\n", base+l[1], l[0])
	}
}

// miniLimits are the consumer API's rate limits as configured.
func miniLimits(m config.Mini) api.MiniLimits {
	rate := func(r config.Rate) api.MiniLimit { return api.MiniLimit{PerMinute: r.PerMinute, Burst: r.Burst} }
	return api.MiniLimits{LoginPerIP: rate(m.LoginPerIP), PerIP: rate(m.PerIP), PerOpenID: rate(m.PerOpenID)}
}
