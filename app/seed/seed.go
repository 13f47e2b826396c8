// Package seed generates a corp's data for the dashboards' tests, demos
// and benchmarks: stores in brands, guides and channels, then for N
// customers over D days their follows and endings, touches, welcomes,
// members, orders with their credits, tasks, mass sends with a holdout,
// group SOP fires, referral helps, RFM rows, WeCom's chat figures and
// owners. It is a fixture tool (`siyu seed dashboards`): it writes the
// tables directly, bypassing the capabilities that own them, and the
// command refuses to run in production.
//
// Everything is drawn from a random source seeded by (Seed, customer), so
// the same options give the same rows, whatever the number of workers.
package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Options say what to generate.
type Options struct {
	CorpID    int64
	Zone      *time.Location // the corp's zone: days are its calendar days
	Days      int            // how many days of history, ending with End
	Customers int
	Seed      uint64 // varies the data; also part of every generated key
	// End is the last day generated (yyyy-mm-dd in Zone); it must be
	// before today. Empty: yesterday.
	End     string
	Workers int // parallel writers on MySQL; 1 on SQLite (one writer at a time)
	// Progress, when set, is told how many customers are written.
	Progress func(done, total int)
}

// Report is what a run wrote.
type Report struct {
	From, To string           // the days generated
	Rows     map[string]int64 // rows written per table
	Elapsed  time.Duration
}

// ChunkSize is how many customers one worker generates and flushes at a
// time (Progress is told after each); a multiple of blockSize, so a
// referral block stays in one chunk.
const ChunkSize = 5000

// Run generates the corp's data into st.
func Run(ctx context.Context, st app.SeedStore, o Options) (*Report, error) {
	start := time.Now()
	w, err := newWorld(ctx, st, o, time.Now())
	if err != nil {
		return nil, err
	}
	workers := max(o.Workers, 1)
	if err := w.writeShared(ctx, st); err != nil {
		return nil, err
	}
	if err := w.writeCustomers(ctx, st, workers); err != nil {
		return nil, err
	}
	if err := w.tallySends(ctx, st); err != nil {
		return nil, err
	}
	if err := st.Analyze(ctx, w.tablesWritten()); err != nil {
		return nil, fmt.Errorf("seed: analyze: %w", err)
	}
	return &Report{From: w.from, To: w.to, Rows: w.counts.snapshot(), Elapsed: time.Since(start)}, nil
}
