package transfer

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// CancelTransfer stops a running transfer's customers and groups that
// have not been sent to WeCom yet: they are cancelled and stay with the
// leaver. What WeCom already has cannot be called back (it has no such
// call) and settles as usual; with nothing sent at all the transfer ends
// cancelled. A store manager may cancel their store's transfers only.
func (s *Service) CancelTransfer(ctx context.Context, corpID, id int64, by app.Principal) (*app.Transfer, error) {
	t, err := s.visible(ctx, corpID, id, by)
	if err != nil {
		return nil, err
	}
	if t.Status != app.TransferRunning {
		return nil, app.Errorf(app.ECONFLICT, "转接任务已结束，无法取消")
	}
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		// The transfer's row lock: no batch is claimed while this runs.
		if err := s.Store.TouchTransfer(ctx, corpID, id); err != nil {
			return err
		}
		n, err := s.cancelPending(ctx, corpID, id)
		if err != nil {
			return err
		}
		if n == 0 {
			return app.Errorf(app.ECONFLICT, "转接任务的客户和客户群都已发往企业微信，无法取消")
		}
		return s.audit(ctx, t, actorOf(ctx, by), "transfer.cancel", map[string]any{"cancelled": n})
	})
	if err != nil {
		return nil, err
	}
	if err := s.finish(ctx, t); err != nil {
		return nil, err
	}
	return s.Store.FindTransfer(ctx, corpID, id)
}

// cancelPending cancels the transfer's items and groups still pending and
// returns how many.
func (s *Service) cancelPending(ctx context.Context, corpID, id int64) (int64, error) {
	items, err := s.Store.ItemsIn(ctx, corpID, id, app.ItemPending)
	if err != nil {
		return 0, err
	}
	n, err := s.Store.MoveItems(ctx, corpID, idsOf(items), []string{app.ItemPending}, app.ItemCancelled,
		map[string]any{"settled_at": s.clock()})
	if err != nil {
		return 0, err
	}
	groups, err := s.Store.GroupsIn(ctx, corpID, id, app.GroupPending)
	if err != nil {
		return 0, err
	}
	m, err := s.Store.MoveGroups(ctx, corpID, groupIDs(groups), []string{app.GroupPending}, app.GroupCancelled, nil)
	return n + m, err
}
