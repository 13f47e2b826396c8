package transfer

import (
	"context"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
)

// open are the states an item settles from.
var open = []string{app.ItemSent, app.ItemWaiting}

// settleSuccess records that the takeover guide has the customer now: the
// item succeeds and, under the corp's assignment lock and in the same
// transaction, the customer's owner moves with a history row and the
// leaver's open tasks about them follow.
func (s *Service) settleSuccess(ctx context.Context, t *app.Transfer, it app.TransferItem, at time.Time) error {
	var settled bool
	err := s.db.InTx(ctx, func(tx *db.DB) error {
		settled = false
		st := db.NewAssignStore(tx)
		if err := st.LockCorp(ctx, t.CorpID); err != nil {
			return err
		}
		n, err := db.NewTransferStore(tx).MoveItems(ctx, t.CorpID, []int64{it.ID}, open, app.ItemSucceeded,
			map[string]any{"takeover_at": at, "settled_at": s.clock()})
		if err != nil || n == 0 {
			return err
		}
		if err := s.moveOwner(ctx, tx, t, it, at); err != nil {
			return err
		}
		_, err = st.MoveOpenTasks(ctx, t.CorpID, it.FromUserID, it.ExternalUserID, it.ToUserID)
		settled = err == nil
		return err
	})
	if err != nil || !settled || s.queue == nil {
		return err
	}
	if err := s.queue.EnqueueCustomerRefresh(ctx, t.CorpID, it.ExternalUserID, fmt.Sprintf("transfer_item:%d", it.ID), at); err != nil {
		s.log.WarnContext(ctx, "customer read after a transfer not queued; the next full sync repairs the relation",
			"item", it.ID, "err", err)
	}
	return nil
}

// moveOwner gives the takeover guide the customer in every scope where the
// leaver owned them. A customer who had no owner yet gets one in the
// takeover store's scope; one owned by another guide keeps that owner
// (only the leaver's relation moved).
func (s *Service) moveOwner(ctx context.Context, tx *db.DB, t *app.Transfer, it app.TransferItem, at time.Time) error {
	st := db.NewAssignStore(tx)
	owners, err := st.OwnersOf(ctx, t.CorpID, it.ExternalUserID)
	if err != nil {
		return err
	}
	if len(owners) == 0 {
		scope, err := db.NewOrgStore(tx).StoreScope(ctx, t.CorpID, &it.ToStoreID)
		if err != nil {
			return err
		}
		owners = []app.Owner{{CorpID: t.CorpID, Scope: scope, ExternalUserID: it.ExternalUserID, UserID: it.FromUserID, StoreID: &t.FromStoreID}}
	}
	for _, o := range owners {
		if o.UserID != it.FromUserID {
			continue
		}
		if err := s.reassign(ctx, st, t, it, o, at); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) reassign(ctx context.Context, st *db.AssignStore, t *app.Transfer, it app.TransferItem, from app.Owner, at time.Time) error {
	to := app.Owner{CorpID: t.CorpID, Scope: from.Scope, ExternalUserID: it.ExternalUserID, UserID: it.ToUserID,
		StoreID: &it.ToStoreID, ChannelID: from.ChannelID, Status: app.OwnerAssigned, AssignedAt: at}
	if err := st.SaveOwner(ctx, &to); err != nil {
		return err
	}
	key := fmt.Sprintf("transfer_item:%d", it.ID)
	if from.Scope != 0 {
		key += fmt.Sprintf(":%d", from.Scope)
	}
	return st.RecordAssignment(ctx, &app.Assignment{CorpID: t.CorpID, Scope: from.Scope, ExternalUserID: it.ExternalUserID,
		FromUserID: from.UserID, ToUserID: it.ToUserID, FromStoreID: from.StoreID, ToStoreID: &it.ToStoreID, ChannelID: from.ChannelID,
		Rule: app.RuleTransfer, Reason: reasonText(t, it), Actor: t.Actor, EventKey: key})
}

func reasonText(t *app.Transfer, it app.TransferItem) string {
	kind := "在职继承"
	if t.Mode == app.TransferResigned {
		kind = "离职继承"
	}
	return fmt.Sprintf("%s：导购 %s 的客户由 %s 接替（转接任务 #%d）", kind, it.FromUserID, it.ToUserID, t.ID)
}

// settleFailure flags an item that did not go through and gives someone a
// task to follow the customer up.
func (s *Service) settleFailure(ctx context.Context, t *app.Transfer, it app.TransferItem, state, reason string, code int) error {
	return s.db.InTx(ctx, func(tx *db.DB) error { return s.fail(ctx, tx, t, it, state, reason, code) })
}

// fail is settleFailure inside the caller's transaction (a transfer_fail
// callback settles within its inbox claim).
func (s *Service) fail(ctx context.Context, tx *db.DB, t *app.Transfer, it app.TransferItem, state, reason string, code int) error {
	n, err := db.NewTransferStore(tx).MoveItems(ctx, t.CorpID, []int64{it.ID}, open, state,
		map[string]any{"reason": reason, "errcode": code, "flagged": true, "settled_at": s.clock()})
	if err != nil || n == 0 {
		return err
	}
	it.State, it.Reason, it.ErrCode = state, reason, code
	return s.followUp(ctx, tx, t, it)
}
