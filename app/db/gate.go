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
		return app.Errorf(app.EUNAVAILABLE, "数据库忙（等待写入超过 %s），请稍后重试", gateWait)
	}
}

// leave hands the gate to the next writer.
func (g writeGate) leave() {
	if g != nil {
		<-g
	}
}

// gateWrites makes every gorm write outside a transaction pass the gate
// (a transaction passes it once, in InTx). It wraps the callback of each
// writing processor that runs the statement, so the gate is held only
// while the statement runs and is handed on by a defer, even if the
// driver panics.
func (db *DB) gateWrites() error {
	cb := db.gorm.Callback()
	for _, w := range []struct {
		p    processor
		name string
	}{{cb.Create(), "gorm:create"}, {cb.Update(), "gorm:update"}, {cb.Delete(), "gorm:delete"}, {cb.Raw(), "gorm:raw"}} {
		run := w.p.Get(w.name)
		if run == nil {
			return fmt.Errorf("register the SQLite write gate: gorm has no %s callback", w.name)
		}
		if err := w.p.Replace(w.name, db.gated(run)); err != nil {
			return fmt.Errorf("register the SQLite write gate: %w", err)
		}
	}
	return nil
}

// processor is the part of a gorm callback processor the gate uses.
type processor interface {
	Get(name string) func(*gorm.DB)
	Replace(name string, fn func(*gorm.DB)) error
}

// gated runs a statement callback inside the gate.
func (db *DB) gated(run func(*gorm.DB)) func(*gorm.DB) {
	return func(g *gorm.DB) {
		if g.Error != nil || db.inTx(g.Statement.Context) {
			run(g)
			return
		}
		if err := db.gate.enter(g.Statement.Context); err != nil {
			g.AddError(err)
			return
		}
		defer db.gate.leave()
		run(g)
	}
}

// inTx reports whether ctx carries a transaction of this database.
func (db *DB) inTx(ctx context.Context) bool {
	t, ok := ctx.Value(txKey{}).(*open)
	return ok && t.pool == db.sql
}
