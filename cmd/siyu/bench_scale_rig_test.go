package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// The engines BenchmarkScaleOut runs on.
const (
	engineSingle  = "mariadb+redis"
	engineCluster = "galera+rcluster"
)

// scaleRig is one engine's world: its database and Redis, a sandbox, and
// the API and worker processes started so far, kept from one N to the
// next (instances are stateless, so adding some is all scaling out is).
type scaleRig struct {
	engine  string
	d       *db.DB
	env     []string
	sb      *sandbox.Sandbox
	apis    []*proc
	workers []*proc
	servers map[string][]int // "mariadbd", "redis-server": their pids
}

func newScaleRig(b *testing.B, engine string) *scaleRig {
	r := &scaleRig{engine: engine, servers: map[string][]int{}}
	var dbCfg config.Database
	var redisCfg config.Redis
	var dbAddrs []string
	if engine == engineCluster {
		dbCfg, redisCfg = testkit.MigratedGaleraConfig(b), testkit.ClusterConfig(b)
		dbAddrs = dbCfg.Nodes
		r.d = testkit.OpenDB(b, dbCfg)
	} else {
		dbCfg, redisCfg = testkit.DatabaseConfig(b, config.DriverMySQL), testkit.RedisConfig(b, config.RedisStandalone)
		dbAddrs = []string{dsnAddr(b, dbCfg.DSN)}
		r.d = testkit.OpenMigrated(b, dbCfg)
	}
	redisAddrs := append([]string{redisCfg.Addr}, redisCfg.Addrs...)
	r.servers["mariadbd"] = serverPids(b, dbAddrs)
	r.servers["redis-server"] = serverPids(b, redisAddrs)
	r.sb = sandbox.New(sandbox.Options{Seed: 16, Start: time.Now(), FollowWallClock: true})
	url, err := r.sb.Start("127.0.0.1:0")
	require.NoError(b, err)
	b.Cleanup(func() { r.sb.Close() })
	r.env = append(configEnv(dbCfg, redisCfg), "SIYU_DATABASE_AUTO_MIGRATE=false", "SIYU_LOG_LEVEL=warn",
		"SIYU_WECOM_API_BASE="+url, "SIYU_WECOM_MINI_API_BASE="+url)
	return r
}

// grow starts API and worker processes until there are n of each.
func (r *scaleRig) grow(b *testing.B, n int) {
	for len(r.apis) < n {
		r.apis = append(r.apis, startProc(b, r.env, "serve", "--roles", "api"))
	}
	for len(r.workers) < n {
		r.workers = append(r.workers, startProc(b, r.env, "serve", "--roles", "worker"))
	}
}

// meter follows this rig's processes: Siyu's by role, and the servers.
func (r *scaleRig) meter(b *testing.B) *meter {
	kinds := map[string][]int{}
	for _, p := range r.apis {
		kinds["api"] = append(kinds["api"], p.cmd.Process.Pid)
	}
	for _, p := range r.workers {
		kinds["worker"] = append(kinds["worker"], p.cmd.Process.Pid)
	}
	for k, pids := range r.servers {
		kinds[k] = pids
	}
	return newMeter(kinds)
}

// round registers a fresh corp whose n follows Siyu mirrors, posts their
// deletions round-robin across the APIs and waits until every one is
// applied.
func (r *scaleRig) round(b *testing.B, n int) scaleRow {
	b.StopTimer()
	c := newScaleCorp(b, r.sb, r.d, n)
	urls, bodies := c.seal(b, r.apis)
	m := r.meter(b)
	b.StartTimer()
	before := m.sample()
	res := testkit.PostAll(b, urls, bodies, scaleClients)
	if b.Failed() { // a refused post is never applied: waiting would hang
		b.FailNow()
	}
	c.waitApplied(b, r.d, len(bodies))
	elapsed := time.Since(before.at)
	row := scaleRow{name: fmt.Sprintf("%s × %d", r.engine, len(r.apis)), acks: res.PerSecond(), p99: res.Percentile(99),
		events: float64(len(bodies)) / elapsed.Seconds(), cores: m.sample().since(before)}
	res.Report(b, "acks/s")
	b.ReportMetric(row.events, "events/s")
	row.reportCores(b)
	return row
}

// describe names the processes a round measures.
func (r *scaleRig) describe() string {
	return fmt.Sprintf("%d api + %d worker processes, %d mariadbd and %d redis-server measured; %d posting connections",
		len(r.apis), len(r.workers), len(r.servers["mariadbd"]), len(r.servers["redis-server"]), scaleClients)
}
