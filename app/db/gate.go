package db

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// gateWait matches the SQLite busy timeout: a writer that cannot get the
// gate in that time fails as it would have on the lock itself.
const gateWait = 10 * time.Second

// gatedKey marks a statement that holds the gate, so the callback after it
// hands the gate on.
const gatedKey = "siyu:gated"

// writeGate serialises the embedded default's writers inside the process.
// SQLite has one writer at a time; without the gate a writer that finds
// the lock taken polls it with growing sleeps (up to 100 ms each), so
// under a burst of callbacks some writers starve for seconds while others
// get in. Blocked senders on a channel are served in arrival order, so
// the gate hands the lock on at once and in turn. Nil (MySQL) is open.
type writeGate chan struct{}

// enter waits for the gate, up to gateWait or ctx's end.
func (g writeGate) enter(ctx context.Context) error {
	if g == nil {
		return nil
	}
	t := time.NewTimer(gateWait)
	defer t.Stop()
	select {
	case g <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return app.Errorf(app.EUNAVAILABLE, "数据库忙，请稍后重试 (waited %s for the write lock)", gateWait)
	}
}

// leave hands the gate to the next writer.
func (g writeGate) leave() {
	if g != nil {
		<-g
	}
}

// gateWrites makes every gorm write outside a transaction pass the gate
// (a transaction passes it once, in InTx). Registered first and last on
// each writing processor, so the gate is held only around the statement.
func (db *DB) gateWrites() error {
	enter := func(g *gorm.DB) {
		if db.inTx(g.Statement.Context) {
			return
		}
		if err := db.gate.enter(g.Statement.Context); err != nil {
			g.AddError(err)
			return
		}
		g.InstanceSet(gatedKey, true)
	}
	leave := func(g *gorm.DB) {
		if _, ok := g.InstanceGet(gatedKey); ok {
			db.gate.leave()
		}
	}
	cb := db.gorm.Callback()
	for _, err := range []error{
		cb.Create().Before("*").Register("siyu:gate_enter", enter), cb.Create().After("*").Register("siyu:gate_leave", leave),
		cb.Update().Before("*").Register("siyu:gate_enter", enter), cb.Update().After("*").Register("siyu:gate_leave", leave),
		cb.Delete().Before("*").Register("siyu:gate_enter", enter), cb.Delete().After("*").Register("siyu:gate_leave", leave),
		cb.Raw().Before("*").Register("siyu:gate_enter", enter), cb.Raw().After("*").Register("siyu:gate_leave", leave),
	} {
		if err != nil {
			return fmt.Errorf("register the SQLite write gate: %w", err)
		}
	}
	return nil
}

// inTx reports whether ctx carries a transaction of this database.
func (db *DB) inTx(ctx context.Context) bool {
	t, ok := ctx.Value(txKey{}).(*open)
	return ok && t.pool == db.sql
}
