package transfer

import (
	"context"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// followUp gives the person who answers for a customer that did not move
// a task about them: the leaver's store manager, or the intended takeover
// guide when the store has none. The leaver's open tasks about the
// customer go to the same person. One task per item, however often this
// runs.
func (s *Service) followUp(ctx context.Context, t *app.Transfer, it app.TransferItem) error {
	who, err := s.followUpGuide(ctx, t, it)
	if err != nil {
		return err
	}
	due := s.clock().Add(24 * time.Hour)
	_, err = s.Tasks.CreateTask(ctx, &app.GuideTask{CorpID: t.CorpID, UserID: who, ExternalUserID: it.ExternalUserID, Kind: app.TaskTransferRefused,
		Title: followUpTitle(it), DueAt: &due, Source: fmt.Sprintf("transfer_item:%d", it.ID)})
	if err != nil {
		return err
	}
	_, err = s.Tasks.MoveOpenTasks(ctx, t.CorpID, it.FromUserID, it.ExternalUserID, who)
	return err
}

// followUpGuide is the first active store manager of the leaver's store
// (by id) other than the leaver, else the intended takeover guide.
func (s *Service) followUpGuide(ctx context.Context, t *app.Transfer, it app.TransferItem) (string, error) {
	gs, _, err := s.Org.ListGuides(ctx, t.CorpID, app.GuideFilter{Page: app.Page{Limit: app.MaxPageSize},
		StoreID: t.FromStoreID, Status: app.GuideActive})
	if err != nil {
		return "", err
	}
	for _, g := range gs {
		if g.Role == app.GuideRoleManager && g.UserID != t.FromUserID {
			return g.UserID, nil
		}
	}
	return it.ToUserID, nil
}

func followUpTitle(it app.TransferItem) string {
	switch it.Reason {
	case app.ReasonCustomerRefused:
		return fmt.Sprintf("客户拒绝由 %s 接替，仍需跟进（原导购 %s）", it.ToUserID, it.FromUserID)
	case app.ReasonTakeoverFull:
		return fmt.Sprintf("接替导购 %s 的客户数已达上限，未能转接，请另行安排（原导购 %s）", it.ToUserID, it.FromUserID)
	case app.ReasonTooFrequent:
		return fmt.Sprintf("客户 90 天内已被转接 2 次，暂不能转接，请跟进（原导购 %s）", it.FromUserID)
	case app.ReasonNoRecord:
		return fmt.Sprintf("企业微信没有该客户的接替记录，请核实后重新转接（原导购 %s）", it.FromUserID)
	}
	return fmt.Sprintf("转接失败（企业微信错误码 %d），请跟进（原导购 %s）", it.ErrCode, it.FromUserID)
}

// TransferFailed settles the item a transfer_fail callback is about. It
// is idempotent: the item settles from an open state once, in the same
// transaction as its follow-up task, so a redelivered callback changes
// nothing; so does one about a transfer Siyu did not start.
func (s *Service) TransferFailed(ctx context.Context, f app.TransferFail) error {
	ts := s.Store
	it, err := ts.OpenItemFor(ctx, f.CorpID, f.TakeoverUserID, f.ExternalUserID)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return nil
	} else if err != nil {
		return err
	}
	t, err := ts.FindTransfer(ctx, f.CorpID, it.TransferID)
	if err != nil {
		return err
	}
	state, reason := app.ItemFailed, app.ReasonWeCom
	switch f.Reason {
	case app.ReasonCustomerRefused:
		state, reason = app.ItemRefused, app.ReasonCustomerRefused
	case app.ReasonTakeoverFull:
		state, reason = app.ItemLimitExceeded, app.ReasonTakeoverFull
	}
	return s.Tx.InTx(ctx, func(ctx context.Context) error { return s.fail(ctx, t, *it, state, reason, 0) })
}
