package assign

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// outcome is what the steps after the decision need.
type outcome struct {
	channel *app.Channel
	userID  string // the owner, empty when pooled
	storeID *int64
	capHit  bool // the owner just reached the channel's daily cap
}

// decideOnce takes and records the add's owner decision under the corp's
// lock, or returns the one recorded for the event before.
func (s *Service) decideOnce(ctx context.Context, a app.CustomerAdd) (outcome, error) {
	loc, err := s.zone(ctx, a.CorpID)
	if err != nil {
		return outcome{}, err
	}
	pre := s.gatherer(a, loc)
	static, scope, err := pre.static(ctx)
	if err != nil {
		return outcome{}, err
	}
	// A rerun (a retry, the same add queued twice) finds its decision
	// without waiting for the corp's lock.
	if prior, err := s.Store.FindAssignment(ctx, a.CorpID, a.EventKey); err == nil {
		return outcome{channel: static.Channel, userID: prior.ToUserID, storeID: prior.ToStoreID}, nil
	}
	var out outcome
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		g := s.gatherer(a, loc)
		g.guides = pre.guides
		if err := g.s.Store.LockCorp(ctx, a.CorpID); err != nil {
			return err
		}
		prior, err := g.s.Store.FindAssignment(ctx, a.CorpID, a.EventKey)
		if err == nil {
			out = outcome{channel: static.Channel, userID: prior.ToUserID, storeID: prior.ToStoreID}
			return nil
		}
		if app.ErrorCode(err) != app.ENOTFOUND {
			return err
		}
		out, err = s.decideNew(ctx, &g, static, scope)
		return err
	})
	return out, err
}

// decideNew completes the situation under the lock, decides and records.
func (s *Service) decideNew(ctx context.Context, g *gatherer, sit situation, scope int64) (outcome, error) {
	if err := g.dynamic(ctx, &sit, scope); err != nil {
		return outcome{}, err
	}
	d := decide(sit)
	out, err := s.record(ctx, sit, scope, d)
	if err != nil || !d.Pool || d.StoreID != nil {
		return out, err
	}
	return s.placeOnline(ctx, *g, sit, scope, out)
}

// channelOf returns the channel whose state the add carries, nil when it
// carries none or one Siyu did not make.
func channelOf(ctx context.Context, chs Channels, a app.CustomerAdd) (*app.Channel, error) {
	if a.State == "" {
		return nil, nil
	}
	ch, err := chs.FindChannelByState(ctx, a.CorpID, a.State)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return nil, nil
	}
	return ch, err
}
