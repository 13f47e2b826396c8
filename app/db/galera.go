package db

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/go-sql-driver/mysql"
)

// On a MariaDB Galera cluster every node takes writes. A transaction runs
// on its own node, taking row locks there only, and is certified against
// the cluster's other transactions when it commits: the loser of a
// conflict, on either node, fails with InnoDB's deadlock error (1213),
// which InTx reruns as it reruns a local deadlock. So a lock Siyu relies
// on for mutual exclusion must be a row the transaction also writes (a
// FOR UPDATE read alone guards nothing across nodes); GET_LOCK and LOCK
// TABLES do not replicate at all, and every table needs a primary key
// (migrate_galera_test.go holds the schema and the code to that).
//
// A write committed on one node is certified everywhere when the commit
// returns, but another node may apply it a moment later. Siyu hands work
// between instances (a callback stored by one API instance is applied by
// a worker elsewhere, through Redis), so a statement there must see the
// write: each session waits, before every read, UPDATE, DELETE, INSERT
// and REPLACE (1+2+4), until its node has applied every write set the
// cluster had committed, as if the cluster were one server. Reads need it
// so as not to miss a row; UPDATEs and DELETEs, so as not to change
// nothing; INSERTs would only fail certification against a row not yet
// applied and be rerun, but also wait rather than abort, and so that a
// table a migration (or a test) just created on another node is there.
// The wait is one round of the cluster's messages per statement, well
// under a millisecond on a LAN; pages that could read a moment-old state
// are not worth a second pool.
const galeraSyncWait = "7"

// nodePause is how long a node that refused a connection, or was not
// ready, is tried only after the others.
const nodePause = 5 * time.Second

// galeraConnector opens each new connection on the next node of the
// cluster in turn, so the pool spreads over the nodes, passing over a
// node that does not answer, is not part of the primary component, or
// is drained (wsrep_reject_queries); each connection is a galeraConn.
// go-sql-driver takes one address per DSN, hence a connector per node.
type galeraConnector struct {
	nodes []*galeraNode
	next  atomic.Uint32
}

// galeraNode is one node's connector and when it last failed.
type galeraNode struct {
	addr     string
	conn     driver.Connector
	failedAt atomic.Int64 // unix nanoseconds
}

var _ driver.Connector = (*galeraConnector)(nil)

// newGaleraConnector connects to nodes with the credentials, database and
// parameters of dsn (normalised by MySQLDSN), plus the causal wait.
func newGaleraConnector(dsn string, nodes []string) (*galeraConnector, error) {
	c := &galeraConnector{}
	for _, addr := range nodes {
		cfg, err := mysql.ParseDSN(dsn)
		if err != nil {
			return nil, fmt.Errorf("database.dsn: %w", err)
		}
		cfg.Net, cfg.Addr = "tcp", addr
		cfg.Params["wsrep_sync_wait"] = galeraSyncWait
		conn, err := mysql.NewConnector(cfg)
		if err != nil {
			return nil, fmt.Errorf("database.nodes %s: %w", addr, err)
		}
		c.nodes = append(c.nodes, &galeraNode{addr: addr, conn: conn})
	}
	return c, nil
}

// Connect opens a connection on the next ready node, trying the nodes that
// failed lately last; it fails only when no node is ready.
func (c *galeraConnector) Connect(ctx context.Context) (driver.Conn, error) {
	var errs []error
	for _, n := range c.order(time.Now()) {
		conn, err := n.connect(ctx)
		if err == nil {
			return conn, nil
		}
		n.failedAt.Store(time.Now().UnixNano())
		errs = append(errs, fmt.Errorf("galera node %s: %w", n.addr, err))
		if ctx.Err() != nil {
			break
		}
	}
	return nil, errors.Join(errs...)
}

// order is every node once, from the next in turn, those that failed in
// the last nodePause after the others.
func (c *galeraConnector) order(now time.Time) []*galeraNode {
	first := int(c.next.Add(1))
	var fresh, failed []*galeraNode
	for i := range c.nodes {
		n := c.nodes[(first+i)%len(c.nodes)]
		if now.Sub(time.Unix(0, n.failedAt.Load())) < nodePause {
			failed = append(failed, n)
		} else {
			fresh = append(fresh, n)
		}
	}
	return append(fresh, failed...)
}

// Driver is go-sql-driver's.
func (c *galeraConnector) Driver() driver.Driver { return c.nodes[0].conn.Driver() }

// connect opens a connection to the node and checks the node serves
// queries.
func (n *galeraNode) connect(ctx context.Context) (driver.Conn, error) {
	conn, err := n.conn.Connect(ctx)
	if err != nil {
		return nil, err
	}
	gc, ok := conn.(fullConn)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("driver connection %T lacks the context methods", conn)
	}
	if err := nodeReady(ctx, gc); err != nil {
		conn.Close()
		return nil, err
	}
	return &galeraConn{fullConn: gc}, nil
}

// nodeReady fails unless the node is part of the primary component
// (wsrep_ready) and not drained for maintenance (wsrep_reject_queries,
// under which it answers this query but refuses every table's).
func nodeReady(ctx context.Context, conn driver.QueryerContext) error {
	rows, err := conn.QueryContext(ctx, "SELECT @@wsrep_reject_queries, VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_READY'", nil)
	if err != nil {
		return err
	}
	defer rows.Close()
	got := make([]driver.Value, 2)
	if err := rows.Next(got); err != nil {
		if err == io.EOF {
			return errors.New("not a Galera node (no wsrep_ready)")
		}
		return err
	}
	reject, ready := fmt.Sprintf("%s", got[0]), fmt.Sprintf("%s", got[1])
	if reject != "NONE" || ready != "ON" {
		return fmt.Errorf("not ready (wsrep_ready %s, wsrep_reject_queries %s)", ready, reject)
	}
	return nil
}
