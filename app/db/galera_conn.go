package db

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"

	"github.com/go-sql-driver/mysql"
)

// MariaDB's errors from a Galera node that cannot take the statement.
const (
	// errNodeNotReady is "WSREP has not yet prepared node for application
	// use": the node left the primary component, is still joining, or is
	// drained. The statement was refused whole.
	errNodeNotReady = 1047
	// errCommitFailed is "Got error 6 during COMMIT": the node could not
	// replicate the transaction (it lost the primary component while
	// committing), so it rolled back.
	errCommitFailed = 1180
)

// fullConn is what go-sql-driver's connection implements and
// database/sql looks for: a wrapper must keep every method, or
// database/sql takes slower paths (a prepare per statement without
// ExecerContext) or loses checks (NamedValueChecker).
type fullConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
	driver.NamedValueChecker
}

// galeraConn is a connection to one node that gives itself up when the
// node stops serving: after errNodeNotReady or errCommitFailed it is
// invalid, so the pool closes it and the next connection goes to a ready
// node. A refused statement also reports driver.ErrBadConn, on which
// database/sql reruns a statement outside a transaction on another
// connection, and InTx reruns the transaction. database/sql uses a
// connection from one goroutine at a time, so bad needs no lock.
type galeraConn struct {
	fullConn
	bad bool
}

// ExecContext runs the statement, noting a node that refused it.
func (c *galeraConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	r, err := c.fullConn.ExecContext(ctx, query, args)
	return r, c.check(err)
}

// QueryContext runs the query, noting a node that refused it.
func (c *galeraConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	r, err := c.fullConn.QueryContext(ctx, query, args)
	return r, c.check(err)
}

// PrepareContext prepares the statement, noting a node that refused it.
func (c *galeraConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	s, err := c.fullConn.PrepareContext(ctx, query)
	return s, c.check(err)
}

// BeginTx starts a transaction whose commit is checked too.
func (c *galeraConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	tx, err := c.fullConn.BeginTx(ctx, opts)
	if err != nil {
		return nil, c.check(err)
	}
	return galeraTx{Tx: tx, c: c}, nil
}

// ResetSession refuses a connection to a node that stopped serving.
func (c *galeraConn) ResetSession(ctx context.Context) error {
	if c.bad {
		return driver.ErrBadConn
	}
	return c.fullConn.ResetSession(ctx)
}

// IsValid is false once the node stopped serving.
func (c *galeraConn) IsValid() bool { return !c.bad && c.fullConn.IsValid() }

// check notes a node that stopped serving, and makes a refused statement
// a bad connection as well as the server's error.
func (c *galeraConn) check(err error) error {
	var me *mysql.MySQLError
	if !errors.As(err, &me) {
		return err
	}
	switch me.Number {
	case errNodeNotReady:
		c.bad = true
		return fmt.Errorf("%w: %w", driver.ErrBadConn, err)
	case errCommitFailed:
		c.bad = true
	}
	return err
}

// galeraTx is a transaction on a galeraConn.
type galeraTx struct {
	driver.Tx
	c *galeraConn
}

// Commit commits, noting a node that could not.
func (t galeraTx) Commit() error { return t.c.check(t.Tx.Commit()) }
