package assign

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// poolBatch bounds one AssignPool run; the next run takes the rest.
const poolBatch = 200

// AssignPool places customers waiting in the pool: those with a home store
// get its least-loaded active guide, the others the nearest store's (by
// the channel they came through). Each is placed in its own decision
// under the corp's lock; customers nobody can take yet stay pooled.
func (s *Service) AssignPool(ctx context.Context, corpID int64, at time.Time) (int, error) {
	pooled, err := s.Store.PooledOwners(ctx, corpID, poolBatch)
	if err != nil {
		return 0, err
	}
	placed := 0
	for _, o := range pooled {
		ok, err := s.placeOne(ctx, o, at)
		if err != nil {
			return placed, err
		}
		if ok {
			placed++
		}
	}
	return placed, nil
}

// placeOne re-reads o under the lock (another worker may have placed it)
// and places it.
func (s *Service) placeOne(ctx context.Context, o app.Owner, at time.Time) (bool, error) {
	placed := false
	err := s.Tx.InTx(ctx, func(ctx context.Context) error {
		st := s.Store
		if err := st.LockCorp(ctx, o.CorpID); err != nil {
			return err
		}
		cur, err := st.FindOwner(ctx, o.CorpID, o.Scope, o.ExternalUserID)
		if err != nil || cur.Status != app.OwnerPool {
			return err
		}
		p, err := s.poolPlacer(ctx, *cur, at)
		if err != nil {
			return err
		}
		out, err := s.placePooled(ctx, p, *cur, poolKey(*cur), outcome{})
		placed = out.userID != ""
		if err != nil || placed {
			return err
		}
		return st.TouchOwner(ctx, *cur)
	})
	return placed, err
}

// poolPlacer aims at the owner's home store, or at the stores nearest the
// channel the customer came through.
func (s *Service) poolPlacer(ctx context.Context, o app.Owner, at time.Time) (placer, error) {
	a := app.CustomerAdd{CorpID: o.CorpID, ExternalUserID: o.ExternalUserID, At: at}
	p := placer{g: s.gatherer(a, time.UTC), scope: o.Scope, store: o.StoreID}
	if o.StoreID != nil || o.ChannelID == nil {
		return p, nil
	}
	ch, err := s.Channels.FindChannel(ctx, o.CorpID, *o.ChannelID)
	if err != nil {
		return p, err
	}
	p.city, p.lat, p.lng = ch.City, ch.Latitude, ch.Longitude
	return p, nil
}
