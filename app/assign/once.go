package assign

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
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
	var out outcome
	loc, err := s.zone(ctx, a.CorpID)
	if err != nil {
		return out, err
	}
	err = s.db.InTx(ctx, func(tx *db.DB) error {
		st := db.NewAssignStore(tx)
		if err := st.LockCorp(ctx, a.CorpID); err != nil {
			return err
		}
		prior, err := st.FindAssignment(ctx, a.CorpID, a.EventKey)
		if err == nil {
			out, err = s.recorded(ctx, st, a, prior)
			return err
		}
		if app.ErrorCode(err) != app.ENOTFOUND {
			return err
		}
		out, err = s.decideNew(ctx, tx, a, loc)
		return err
	})
	return out, err
}

// recorded rebuilds the outcome of a decision taken before.
func (s *Service) recorded(ctx context.Context, st *db.AssignStore, a app.CustomerAdd, prior *app.Assignment) (outcome, error) {
	ch, err := s.channelOf(ctx, st, a)
	if err != nil {
		return outcome{}, err
	}
	return outcome{channel: ch, userID: prior.ToUserID, storeID: prior.ToStoreID}, nil
}

func (s *Service) decideNew(ctx context.Context, tx *db.DB, a app.CustomerAdd, loc *time.Location) (outcome, error) {
	sit, scope, err := s.gather(ctx, tx, a, loc)
	if err != nil {
		return outcome{}, err
	}
	d := decide(sit)
	out, err := s.record(ctx, tx, sit, scope, d)
	if err != nil || !d.Pool || d.StoreID != nil {
		return out, err
	}
	return s.placeOnline(ctx, s.gatherer(tx, a, loc), sit, scope, out)
}

// channelOf returns the channel whose state the add carries, nil when it
// carries none or one Siyu did not make.
func (s *Service) channelOf(ctx context.Context, st *db.AssignStore, a app.CustomerAdd) (*app.Channel, error) {
	if a.State == "" {
		return nil, nil
	}
	ch, err := st.ChannelByState(ctx, a.CorpID, a.State)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return nil, nil
	}
	return ch, err
}
