package assign

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// LockCorp takes the corp's decision lock until the caller's transaction
// (ctx) ends: owner decisions, and whatever the caller must serialise
// with them, happen one at a time.
func (s *Service) LockCorp(ctx context.Context, corpID int64) error {
	return s.Store.LockCorp(ctx, corpID)
}

// MoveOwner hands a customer from one guide to another, as decided
// elsewhere (a transfer WeCom carried out): in every scope where the
// customer's owner is m.FromUserID, the owner becomes m.ToUserID, with a
// history row under m.Key. A customer who had no owner yet gets one in
// the takeover store's scope; one owned by another guide keeps that owner
// (only the leaver's relation moved). It runs under the corp's decision
// lock, inside the caller's transaction when ctx carries one, and once per
// key however often it runs.
func (s *Service) MoveOwner(ctx context.Context, m app.OwnerMove) error {
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.LockCorp(ctx, m.CorpID); err != nil {
			return err
		}
		owners, err := s.ownersToMove(ctx, m)
		if err != nil {
			return err
		}
		for _, o := range owners {
			if o.UserID != m.FromUserID {
				continue
			}
			if err := s.moveOne(ctx, m, o); err != nil {
				return err
			}
		}
		return nil
	})
}

// ownersToMove are the customer's owners, or the leaver as owner in the
// takeover store's scope when nobody owns them yet.
func (s *Service) ownersToMove(ctx context.Context, m app.OwnerMove) ([]app.Owner, error) {
	owners, err := s.Store.OwnersOf(ctx, m.CorpID, m.ExternalUserID)
	if err != nil || len(owners) > 0 {
		return owners, err
	}
	scope, err := s.Org.StoreScope(ctx, m.CorpID, &m.ToStoreID)
	return []app.Owner{{CorpID: m.CorpID, Scope: scope, ExternalUserID: m.ExternalUserID, UserID: m.FromUserID, StoreID: m.FromStoreID}}, err
}

func (s *Service) moveOne(ctx context.Context, m app.OwnerMove, from app.Owner) error {
	key := m.Key
	if from.Scope != 0 {
		key += fmt.Sprintf(":%d", from.Scope)
	}
	if _, err := s.Store.FindAssignment(ctx, m.CorpID, key); err == nil {
		return nil // moved before
	} else if app.ErrorCode(err) != app.ENOTFOUND {
		return err
	}
	to := app.Owner{CorpID: m.CorpID, Scope: from.Scope, ExternalUserID: m.ExternalUserID, UserID: m.ToUserID,
		StoreID: &m.ToStoreID, ChannelID: from.ChannelID, Status: app.OwnerAssigned, AssignedAt: m.At}
	if err := s.Store.SaveOwner(ctx, &to); err != nil {
		return err
	}
	return s.recordAssignment(ctx, &app.Assignment{CorpID: m.CorpID, Scope: from.Scope, ExternalUserID: m.ExternalUserID,
		FromUserID: from.UserID, ToUserID: m.ToUserID, FromStoreID: from.StoreID, ToStoreID: &m.ToStoreID, ChannelID: from.ChannelID,
		Rule: m.Rule, Reason: m.Reason, Actor: m.Actor, EventKey: key})
}
