package seed

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// emit writes rows through one writer, keeping the first error (so the
// generators read as a story, checked once at the end) and counting rows
// per table.
type emit struct {
	ctx context.Context
	w   app.SeedWriter
	err error
	n   map[string]int64
}

func newEmit(ctx context.Context, st app.SeedStore) (*emit, error) {
	w, err := st.Writer(ctx)
	if err != nil {
		return nil, err
	}
	return &emit{ctx: ctx, w: w, n: map[string]int64{}}, nil
}

// row writes one row of t.
func (e *emit) row(t table, vals ...any) {
	if e.err != nil {
		return
	}
	e.err = e.w.Row(e.ctx, t.name, t.cols, vals...)
	e.n[t.name]++
}

// flush writes every buffered row and adds the counts to c.
func (e *emit) flush(c *counts) error {
	if e.err == nil {
		e.err = e.w.Flush(e.ctx)
	}
	if e.err == nil {
		c.add(e.n)
	}
	clear(e.n)
	return e.err
}

// close flushes and releases the writer.
func (e *emit) close(c *counts) error {
	err := e.flush(c)
	if cerr := e.w.Close(e.ctx); err == nil {
		err = cerr
	}
	return err
}

// null is v, or NULL when v is zero (an optional id).
func null(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}
