package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/go-sql-driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/siyu-scrm/siyu/app"
)

// txAttempts bounds how often a transaction chosen as a deadlock victim is
// run again before the error goes to the caller (and the task's retry).
const txAttempts = 5

// galeraTxAttempts is txAttempts on a Galera cluster, where transactions
// on several nodes that write one hot row (a corp's decision lock under a
// burst of adds) do not queue for its lock but fail certification, all
// but one each round: they are run more often, after pauses that grow
// (rerunPause), so that they spread out.
const galeraTxAttempts = 12

var _ app.Transactor = (*DB)(nil)

// txKey carries the open transaction in a context: every store method
// called with that context joins it, so capabilities compose several
// stores in one transaction without any database type crossing their
// interfaces.
type txKey struct{}

// open is a transaction in flight on one pool.
type open struct {
	pool *sql.DB
	g    *gorm.DB
}

// InTx runs fn in one transaction, carried by the context fn is given:
// stores called with that context write atomically. An error or panic in
// fn rolls back. Called with a context that already carries a
// transaction of this database, fn joins it (the outer caller commits).
// InnoDB may pick the transaction as a deadlock victim, or time out a lock
// wait, under concurrent upserts, and on a Galera cluster it may lose
// certification to a transaction committed on another node, or its node
// may stop serving (rerunnable): each means "nothing happened, run it
// again", so fn must be safe to rerun, and is rerun after a short random
// pause. On SQLite the transaction first passes the write gate.
//
// On MySQL the transaction runs at READ COMMITTED (set per connection by
// Open, and asserted by a test): InnoDB's default REPEATABLE READ takes
// gap locks that make the inbox's status updates and the receivers'
// inserts into the same index range deadlock constantly, while every
// check Siyu makes in a transaction is a locking UPDATE or an upsert,
// which read the latest committed row at either level.
func (db *DB) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if db.inTx(ctx) {
		return fn(ctx)
	}
	if err := db.gate.enter(ctx); err != nil {
		return err
	}
	defer db.gate.leave()
	for attempt := 1; ; attempt++ {
		err := db.gorm.WithContext(ctx).Transaction(func(g *gorm.DB) error {
			return fn(context.WithValue(ctx, txKey{}, &open{pool: db.sql, g: g}))
		})
		if !rerunnable(err) || attempt == db.txAttempts() {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(db.rerunPause(attempt)):
		}
	}
}

func (db *DB) txAttempts() int {
	if db.galera != nil {
		return galeraTxAttempts
	}
	return txAttempts
}

// rerunPause is how long InTx waits before running a transaction again
// after its attempt-th try: a few milliseconds, random so that two victims
// do not meet again; on Galera growing with the square of attempt (to
// about half a second before the last try).
func (db *DB) rerunPause(attempt int) time.Duration {
	ms := attempt*5 + rand.IntN(10)
	if db.galera != nil {
		ms = attempt*attempt*4 + rand.IntN(10*attempt)
	}
	return time.Duration(ms) * time.Millisecond
}

// with is the session a store's query runs on: the transaction ctx
// carries, or the pool.
func (db *DB) with(ctx context.Context) *gorm.DB {
	if t, ok := ctx.Value(txKey{}).(*open); ok && t.pool == db.sql {
		return t.g.WithContext(ctx)
	}
	return db.gorm.WithContext(ctx)
}

// quiet is with for a statement whose failure is an expected outcome (a
// duplicate insert that means "already there"): it is checked, not logged
// as a database error.
func (db *DB) quiet(ctx context.Context) *gorm.DB {
	return db.with(ctx).Session(&gorm.Session{Logger: db.gorm.Logger.LogMode(logger.Silent)})
}

// lockConflict reports MySQL's deadlock (1213) and lock wait timeout
// (1205). Galera reports a transaction that lost certification, or that a
// write set from another node aborted, as a deadlock too.
func lockConflict(err error) bool {
	var me *mysql.MySQLError
	return errors.As(err, &me) && (me.Number == 1213 || me.Number == 1205)
}

// rerunnable reports an error after which a transaction had no effect and
// may run again: a lock conflict; a Galera node that refused a statement
// (errNodeNotReady) or could not replicate the commit (errCommitFailed);
// or a connection that failed before sending the statement, which is what
// driver.ErrBadConn means (go-sql-driver returns it only then, galeraConn
// for a refused statement) and database/sql reruns outside transactions.
func rerunnable(err error) bool {
	var me *mysql.MySQLError
	return lockConflict(err) || errors.Is(err, driver.ErrBadConn) ||
		errors.As(err, &me) && (me.Number == errNodeNotReady || me.Number == errCommitFailed)
}
