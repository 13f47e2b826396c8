package db

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/go-sql-driver/mysql"
	"gorm.io/gorm"
)

// txAttempts bounds how often a transaction chosen as a deadlock victim is
// run again before the error goes to the caller (and the task's retry).
const txAttempts = 5

// InTx runs fn in one transaction on a DB bound to it; stores built on that
// DB inside fn write atomically. An error or panic in fn rolls back. InnoDB
// may pick the transaction as a deadlock victim, or time out a lock wait,
// under concurrent upserts; both mean "nothing happened, run it again", so
// fn must be safe to rerun, and is rerun after a short random pause.
//
// On MySQL the transaction runs at READ COMMITTED (set per connection by
// Open, and asserted by a test): InnoDB's default
// REPEATABLE READ takes gap locks that make the inbox's status updates and
// the receivers' inserts into the same index range deadlock constantly,
// while every check Siyu makes in a transaction is a locking UPDATE or an
// upsert, which read the latest committed row at either level.
func (db *DB) InTx(ctx context.Context, fn func(tx *DB) error) error {
	for attempt := 1; ; attempt++ {
		err := db.with(ctx).Transaction(func(g *gorm.DB) error {
			return fn(&DB{gorm: g, sql: db.sql, dialect: db.dialect})
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

// lockConflict reports MySQL's deadlock (1213) and lock wait timeout (1205).
func lockConflict(err error) bool {
	var me *mysql.MySQLError
	return errors.As(err, &me) && (me.Number == 1213 || me.Number == 1205)
}
