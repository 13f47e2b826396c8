package attribution

import (
	"context"

	"golang.org/x/sync/errgroup"

	"github.com/siyu-scrm/siyu/app"
)

// decided is one batch of a run, credited and not yet written.
type decided struct {
	orders  []app.Order
	credits []app.Credit
	phase   int
	cursor  int64
}

// pipeline runs r's recompute from run's cursor: one goroutine reads and
// decides batches, the other writes them, each with the cursor past it.
// The channel is unbuffered, so the decider is never more than one batch
// ahead of what is committed.
func (s *Service) pipeline(ctx context.Context, r *app.AttributionRules, run *app.AttributionRun) error {
	g, ctx := errgroup.WithContext(ctx)
	batches := make(chan decided)
	g.Go(func() error {
		defer close(batches)
		return s.decideAll(ctx, r, run, batches)
	})
	g.Go(func() error {
		done := run.Done
		for b := range batches {
			done += int64(len(b.orders))
			err := s.Tx.InTx(ctx, func(ctx context.Context) error {
				if err := s.Store.ReplaceCredits(ctx, r.ID, b.orders, b.credits); err != nil {
					return err
				}
				return s.Store.AdvanceRun(ctx, r.CorpID, run.ID, b.phase, b.cursor, done)
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	return g.Wait()
}

// decideAll reads and decides the run's batches from its cursor, the
// members' sales first, then the other orders, and hands them on.
func (s *Service) decideAll(ctx context.Context, r *app.AttributionRules, run *app.AttributionRun, out chan<- decided) error {
	phase, cursor := run.Phase, run.CursorID
	var recent map[int64][]app.Credit // the batch before, maybe not yet committed
	for {
		orders, err := s.nextBatch(ctx, r, phase, cursor)
		if err != nil {
			return err
		}
		if len(orders) == 0 {
			if phase == app.RunOthers {
				return nil
			}
			phase, cursor = app.RunOthers, 0
			continue
		}
		credits, lines, err := s.decideBatch(ctx, r, orders, recent)
		if err != nil {
			return err
		}
		last := orders[len(orders)-1]
		if cursor = last.ID; phase == app.RunMembers {
			cursor = *last.MemberID
		}
		select {
		case out <- decided{orders: orders, credits: credits, phase: phase, cursor: cursor}:
		case <-ctx.Done():
			return ctx.Err()
		}
		recent = lines
	}
}

// nextBatch reads the phase's next orders after cursor.
func (s *Service) nextBatch(ctx context.Context, r *app.AttributionRules, phase int, cursor int64) ([]app.Order, error) {
	if phase == app.RunMembers {
		return s.Store.MemberSalesAfter(ctx, r.CorpID, r.Scope, cursor, s.batch)
	}
	return s.Store.OthersAfter(ctx, r.CorpID, r.Scope, cursor, s.batch)
}
