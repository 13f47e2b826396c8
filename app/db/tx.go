package db

import (
	"context"
	"database/sql"
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
// wait, under concurrent upserts; both mean "nothing happened, run it
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
		if !lockConflict(err) || attempt == txAttempts {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(attempt*5+rand.IntN(10)) * time.Millisecond):
		}
	}
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

// lockConflict reports MySQL's deadlock (1213) and lock wait timeout (1205).
func lockConflict(err error) bool {
	var me *mysql.MySQLError
	return errors.As(err, &me) && (me.Number == 1213 || me.Number == 1205)
}
