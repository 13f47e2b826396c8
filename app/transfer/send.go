package transfer

import (
	"context"
	"errors"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// Advance takes one transfer as far as it can go now: sends what is
// pending, hands its groups over, asks WeCom how the waiting customers
// stand, and marks it done once everything settled. It is safe to run
// again and concurrently: every claim and settlement is guarded.
func (s *Service) Advance(ctx context.Context, corpID, id int64) error {
	t, err := s.Store.FindTransfer(ctx, corpID, id)
	if err != nil || t.Status != app.TransferRunning {
		return err
	}
	cli, err := s.Clients.Client(ctx, corpID)
	if err != nil {
		return err
	}
	return errors.Join(s.sendAll(ctx, cli, t), s.sendGroups(ctx, cli, t), s.poll(ctx, cli, t), s.finish(ctx, t))
}

// FollowTransfers advances every running transfer of the corp; one that
// fails does not stop the others.
func (s *Service) FollowTransfers(ctx context.Context, corpID int64) error {
	ts, err := s.Store.RunningTransfers(ctx, corpID)
	if err != nil {
		return err
	}
	var errs []error
	for _, t := range ts {
		if err := s.Advance(ctx, corpID, t.ID); err != nil {
			errs = append(errs, fmt.Errorf("transfer %d: %w", t.ID, err))
		}
	}
	return errors.Join(errs...)
}

// sendAll sends the pending items batch by batch until none is left.
func (s *Service) sendAll(ctx context.Context, cli WeCom, t *app.Transfer) error {
	for {
		items, batch, err := s.claimBatch(ctx, t)
		if err != nil || len(items) == 0 {
			return err
		}
		if err := s.send(ctx, cli, t, items, batch); err != nil {
			return err
		}
	}
}

// claimBatch moves the next batch from pending to sent under the
// transfer's row lock, so each customer is claimed by one worker.
func (s *Service) claimBatch(ctx context.Context, t *app.Transfer) (items []app.TransferItem, batch int, err error) {
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		ts := s.Store
		if err := ts.TouchTransfer(ctx, t.CorpID, t.ID); err != nil {
			return err
		}
		if items, batch, err = ts.NextBatch(ctx, t.CorpID, t.ID, batchSize); err != nil || len(items) == 0 {
			return err
		}
		now := s.clock()
		_, err := ts.MoveItems(ctx, t.CorpID, idsOf(items), []string{app.ItemPending}, app.ItemSent, map[string]any{"batch": batch, "sent_at": now})
		return err
	})
	return items, batch, err
}

// send makes one transfer call for items (all to one takeover guide) and
// records each customer's answer. A call WeCom refused outright fails its
// items; one whose outcome is unknown puts them back to pending and
// returns the error, so the task retries.
func (s *Service) send(ctx context.Context, cli WeCom, t *app.Transfer, items []app.TransferItem, batch int) error {
	req := wecom.TransferRequest{HandoverUserID: t.FromUserID, TakeoverUserID: items[0].ToUserID, ExternalUserID: externalIDs(items)}
	var answers []wecom.TransferItem
	var err error
	if t.Mode == app.TransferResigned {
		answers, err = cli.ResignedTransferCustomers(ctx, req)
	} else {
		req.TransferSuccessMsg = t.Message
		answers, err = cli.TransferCustomers(ctx, req)
	}
	if err != nil && !refusedOutright(err) {
		_, back := s.Store.MoveItems(ctx, t.CorpID, idsOf(items), []string{app.ItemSent}, app.ItemPending, map[string]any{"sent_at": nil})
		return errors.Join(fmt.Errorf("transfer %d batch %d: %w", t.ID, batch, err), back)
	}
	codes := map[string]int{}
	for _, a := range answers {
		codes[a.ExternalUserID] = a.ErrCode
	}
	return s.record(ctx, t, items, codes, wecom.ErrCode(err))
}

// refusedOutright reports a call WeCom answered with an errcode that no
// retry heals (a takeover guide WeCom does not know, a bad request).
func refusedOutright(err error) bool {
	switch app.ErrorCode(err) {
	case app.EINVALID, app.ENOTFOUND, app.EFORBIDDEN, app.ECONFLICT:
		return wecom.ErrCode(err) != 0
	}
	return false
}

// record stores each item's answer: 0 waits for WeCom's 24 hours, 40129
// (already in transfer, e.g. a re-send after a crash) waits too and the
// poll tells, 40128 is the 90-day limit, anything else fails. callCode is
// the errcode of a call refused outright, which every item takes.
func (s *Service) record(ctx context.Context, t *app.Transfer, items []app.TransferItem, codes map[string]int, callCode int) error {
	var waiting []int64
	for _, it := range items {
		code, answered := codes[it.ExternalUserID]
		switch {
		case callCode != 0:
			code = callCode
		case !answered:
			code = -1
		}
		if code == 0 || code == 40129 || code == 40100 {
			waiting = append(waiting, it.ID)
			continue
		}
		state, reason := app.ItemFailed, app.ReasonWeCom
		if code == 40128 {
			state, reason = app.ItemRefused, app.ReasonTooFrequent
		}
		if err := s.settleFailure(ctx, t, it, state, reason, code); err != nil {
			return err
		}
	}
	_, err := s.Store.MoveItems(ctx, t.CorpID, waiting, []string{app.ItemSent}, app.ItemWaiting, nil)
	return err
}

func idsOf(items []app.TransferItem) []int64 {
	out := make([]int64, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

func externalIDs(items []app.TransferItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.ExternalUserID
	}
	return out
}
