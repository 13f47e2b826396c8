package masssend

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/siyu-scrm/siyu/app"
)

// Advance takes one send as far as it goes now: plans it when due,
// creates its chunks in WeCom guide by guide (reconciling any whose claim
// ran out), follows the created ones, and finishes it when every chunk
// has settled. Safe to run at once in several workers: each chunk moves
// only under its claim's fence.
func (s *Service) Advance(ctx context.Context, corpID, id int64) error {
	ms, err := s.Store.FindMassSend(ctx, corpID, id)
	if err != nil {
		return err
	}
	if ms.Status == app.MassSendScheduled {
		if planned, err := s.plan(ctx, ms); err != nil || !planned {
			return err
		}
		ms.Status = app.MassSendSending
	}
	switch ms.Status {
	case app.MassSendSending, app.MassSendTracking, app.MassSendCancelled:
	default:
		return nil
	}
	cl, err := s.Clients.Client(ctx, corpID)
	if err != nil {
		return err
	}
	if err := s.createChunks(ctx, cl, ms); err != nil {
		return err
	}
	if err := s.follow(ctx, cl, ms); err != nil {
		return err
	}
	return s.finish(ctx, ms)
}

// createChunks creates the send's chunks in rounds, one chunk per guide
// and round, until every guide's chunks are past creation or the rest
// wait on a live claim.
func (s *Service) createChunks(ctx context.Context, cl WeCom, ms *app.MassSend) error {
	for {
		heads, err := s.Store.LaneHeads(ctx, ms.CorpID, ms.ID)
		if err != nil || len(heads) == 0 {
			return err
		}
		moved, err := s.round(ctx, cl, ms, heads)
		if err != nil || moved == 0 {
			return err
		}
	}
}

// round works on each head, Workers at a time, and counts the chunks
// that moved.
func (s *Service) round(ctx context.Context, cl WeCom, ms *app.MassSend, heads []app.MassSendChunk) (int, error) {
	var moved atomic.Int64
	err := s.each(heads, func(c *app.MassSendChunk) error {
		ok, err := s.step(ctx, cl, ms, c)
		if ok {
			moved.Add(1)
		}
		return err
	})
	return int(moved.Load()), err
}

// each runs fn on every chunk, Workers at a time, and joins the errors.
func (s *Service) each(chunks []app.MassSendChunk, fn func(c *app.MassSendChunk) error) error {
	var mu sync.Mutex
	var errs []error
	sem := make(chan struct{}, s.Options.Workers)
	var wg sync.WaitGroup
	for i := range chunks {
		wg.Add(1)
		sem <- struct{}{}
		go func(c *app.MassSendChunk) {
			defer func() { <-sem; wg.Done() }()
			if err := fn(c); err != nil {
				mu.Lock()
				errs = append(errs, fmt.Errorf("chunk %s/%d: %w", c.UserID, c.Chunk, err))
				mu.Unlock()
			}
		}(&chunks[i])
	}
	wg.Wait()
	return errors.Join(errs...)
}

// step moves one chunk: claims a planned one and creates its task, or
// takes over one whose claim ran out and reconciles it first. A chunk of
// a cancelled send is never created anew.
func (s *Service) step(ctx context.Context, cl WeCom, ms *app.MassSend, c *app.MassSendChunk) (bool, error) {
	now := s.now()
	if c.State == app.ChunkCreating && c.LeaseUntil != nil && now.Before(c.LeaseUntil.Add(s.Options.Grace)) {
		return false, nil // held, or its holder's call may still land
	}
	if c.State == app.ChunkPlanned && ms.Status == app.MassSendCancelled {
		return false, nil // CancelPlanned takes these
	}
	leaseUntil := now.Add(s.Options.Lease)
	fence, err := s.Store.ClaimChunk(ctx, c, now, leaseUntil)
	if err != nil || fence == 0 {
		return false, err
	}
	if c.State == app.ChunkCreating {
		return s.takeOver(ctx, cl, ms, c, fence, leaseUntil)
	}
	return true, s.create(ctx, cl, ms, c, fence, leaseUntil)
}
