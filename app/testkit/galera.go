package testkit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
)

// Env names of the Galera cluster (scripts/lib/galera.sh).
const (
	// EnvGaleraDSNs are the cluster's nodes' DSNs, comma-separated.
	EnvGaleraDSNs = "SIYU_TEST_GALERA_DSNS"
	// EnvOnGalera=1 moves the MySQL flavour of every store test onto the
	// cluster: EachDB runs it alone, as "galera", and MigratedDB and
	// DatabaseConfig of the mysql driver give databases on the cluster,
	// reached through all three nodes. A suite runs once so to prove
	// itself on Galera, beside its usual run.
	EnvOnGalera = "SIYU_TEST_ON_GALERA"
)

// OnGalera reports whether the MySQL flavour runs on the Galera cluster.
func OnGalera() bool { return os.Getenv(EnvOnGalera) == "1" }

// mysqlServer is where a test's MariaDB databases are made: the test
// server, or the Galera cluster's nodes.
type mysqlServer struct {
	dsns   []string // one per node
	galera bool
}

// mysqlFor is the server of the MySQL flavour.
func mysqlFor(t testing.TB) mysqlServer {
	t.Helper()
	if OnGalera() {
		return galeraServer(t)
	}
	return mysqlServer{dsns: []string{serverEnv(t, EnvMySQLDSN)}}
}

// galeraServer is the Galera cluster, skipping t when there is none
// (failing it where servers are required, as other servers' tests do, or
// when OnGalera asks for the cluster).
func galeraServer(t testing.TB) mysqlServer {
	t.Helper()
	v := os.Getenv(EnvGaleraDSNs)
	if v == "" {
		if RequireServers() || OnGalera() {
			t.Fatalf("%s is not set: start the cluster with scripts/lib/galera.sh", EnvGaleraDSNs)
		}
		t.Skipf("%s is not set: start_galera (scripts/lib/galera.sh) to test on Galera", EnvGaleraDSNs)
	}
	return mysqlServer{dsns: strings.Split(v, ","), galera: true}
}

// MigratedGaleraConfig is the configuration of a fresh migrated database
// on the Galera cluster, through all its nodes: a test narrows Nodes to
// one to open it on that node alone.
func MigratedGaleraConfig(t testing.TB) config.Database {
	t.Helper()
	return migratedMySQLConfig(t, galeraServer(t))
}

// admin opens the first node that serves queries, for the statements
// that make and drop databases: a drill may have stopped another.
func (s mysqlServer) admin(t testing.TB) *sql.DB {
	t.Helper()
	var errs []error
	for _, dsn := range s.dsns {
		if s.galera {
			dsn = causal(dsn)
		}
		a, err := sql.Open("mysql", dsn)
		if err == nil {
			err = s.ready(a)
		}
		if err == nil {
			return a
		}
		if a != nil {
			a.Close()
		}
		errs = append(errs, err)
	}
	require.NoError(t, errors.Join(errs...), "no MariaDB node serves")
	return nil
}

// causal adds to a node's DSN the wait for the cluster's writes that
// Siyu's own connections make (app/db's galera.go), so the admin sees a
// template another process made through another node.
func causal(dsn string) string {
	c, err := mysql.ParseDSN(dsn)
	if err != nil {
		return dsn // sql.Open reports it
	}
	if c.Params == nil {
		c.Params = map[string]string{}
	}
	c.Params["wsrep_sync_wait"] = "7"
	return c.FormatDSN()
}

// ready fails unless a answers, and, on Galera, its node is Synced.
func (s mysqlServer) ready(a *sql.DB) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if !s.galera {
		return a.PingContext(ctx)
	}
	var name, state string
	if err := a.QueryRowContext(ctx, "SHOW STATUS LIKE 'wsrep_local_state_comment'").Scan(&name, &state); err != nil {
		return err
	}
	if state != "Synced" {
		return fmt.Errorf("node is %s", state)
	}
	return nil
}

// config is the configuration of database name on the server: on Galera,
// every node's address, which Siyu's connections spread over.
func (s mysqlServer) config(t testing.TB, name string) config.Database {
	t.Helper()
	cfg := config.Database{Driver: config.DriverMySQL, MaxOpenConns: 10, MaxIdleConns: 5}
	for i, dsn := range s.dsns {
		c, err := mysql.ParseDSN(dsn)
		require.NoError(t, err)
		if i == 0 {
			c.DBName = name
			cfg.DSN = c.FormatDSN()
		}
		if s.galera {
			cfg.Nodes = append(cfg.Nodes, c.Addr)
		}
	}
	return cfg
}

// consistent fails t when a node of the cluster says it is inconsistent:
// it failed to apply a write set another node committed, and left the
// cluster, whose other nodes go on, so the test itself may have passed.
// A node that does not answer (a drill stopped it) is not checked.
func (s mysqlServer) consistent(t testing.TB) {
	for _, dsn := range s.dsns {
		a, err := sql.Open("mysql", dsn)
		if err != nil {
			continue
		}
		var name, state string
		err = a.QueryRow("SHOW STATUS LIKE 'wsrep_local_state_comment'").Scan(&name, &state)
		a.Close()
		if err == nil && state == "Inconsistent" {
			t.Errorf("Galera node %s is inconsistent: it could not apply a write set of this test (see its error log)", dsn)
		}
	}
}
