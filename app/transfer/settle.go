package transfer

import (
	"context"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// open are the states an item settles from.
var open = []string{app.ItemSent, app.ItemWaiting}

// settleSuccess records that the takeover guide has the customer now: the
// item succeeds and, under the corp's assignment lock and in the same
// transaction, the customer's owner moves with a history row and the
// leaver's open tasks about them follow.
func (s *Service) settleSuccess(ctx context.Context, t *app.Transfer, it app.TransferItem, at time.Time) error {
	var settled bool
	err := s.Tx.InTx(ctx, func(ctx context.Context) error {
		settled = false
		if err := s.Owners.LockCorp(ctx, t.CorpID); err != nil {
			return err
		}
		n, err := s.Store.MoveItems(ctx, t.CorpID, []int64{it.ID}, open, app.ItemSucceeded,
			map[string]any{"takeover_at": at, "settled_at": s.clock()})
		if err != nil || n == 0 {
			return err
		}
		err = s.Owners.MoveOwner(ctx, app.OwnerMove{CorpID: t.CorpID, ExternalUserID: it.ExternalUserID, FromUserID: it.FromUserID,
			FromStoreID: &t.FromStoreID, ToUserID: it.ToUserID, ToStoreID: it.ToStoreID, Rule: app.RuleTransfer,
			Reason: reasonText(t, it), Actor: t.Actor, Key: fmt.Sprintf("transfer_item:%d", it.ID), At: at})
		if err != nil {
			return err
		}
		_, err = s.Tasks.MoveOpenTasks(ctx, t.CorpID, it.FromUserID, it.ExternalUserID, it.ToUserID)
		settled = err == nil
		return err
	})
	if err != nil || !settled || s.Queue == nil {
		return err
	}
	if err := s.Queue.EnqueueCustomerRefresh(ctx, t.CorpID, it.ExternalUserID, fmt.Sprintf("transfer_item:%d", it.ID), at); err != nil {
		s.Log.WarnContext(ctx, "customer read after a transfer not queued; the next full sync repairs the relation",
			"item", it.ID, "err", err)
	}
	return nil
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
	return s.Tx.InTx(ctx, func(ctx context.Context) error { return s.fail(ctx, t, it, state, reason, code) })
}

// fail is settleFailure inside the caller's transaction (a transfer_fail
// callback settles within its inbox claim).
func (s *Service) fail(ctx context.Context, t *app.Transfer, it app.TransferItem, state, reason string, code int) error {
	n, err := s.Store.MoveItems(ctx, t.CorpID, []int64{it.ID}, open, state,
		map[string]any{"reason": reason, "errcode": code, "flagged": true, "settled_at": s.clock()})
	if err != nil || n == 0 {
		return err
	}
	it.State, it.Reason, it.ErrCode = state, reason, code
	return s.followUp(ctx, t, it)
}
