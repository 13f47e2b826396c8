package transfer

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// WeCom's transfer_result statuses.
const (
	statusDone     = 1 // 接替完毕
	statusWaiting  = 2 // 等待接替
	statusRefused  = 3 // 客户拒绝
	statusFull     = 4 // 接替成员客户达到上限
	statusNoRecord = 5 // 无接替记录
)

// result is one customer's transfer status as WeCom reports it.
type result struct {
	status   int
	takeover time.Time
}

// poll asks WeCom, per takeover guide, how the transfer's sent and
// waiting customers stand, and settles those that have.
func (s *Service) poll(ctx context.Context, cli WeCom, t *app.Transfer) error {
	open, err := s.Store.ItemsIn(ctx, t.CorpID, t.ID, app.ItemSent, app.ItemWaiting)
	if err != nil || len(open) == 0 {
		return err
	}
	byTaker := map[string][]app.TransferItem{}
	var order []string
	for _, it := range open {
		if byTaker[it.ToUserID] == nil {
			order = append(order, it.ToUserID)
		}
		byTaker[it.ToUserID] = append(byTaker[it.ToUserID], it)
	}
	for _, taker := range order {
		results, err := s.results(ctx, cli, t, taker)
		if err != nil {
			return err
		}
		for _, it := range byTaker[taker] {
			if err := s.apply(ctx, t, it, results[it.ExternalUserID]); err != nil {
				return err
			}
		}
	}
	return nil
}

// results pages through transfer_result (or its resigned twin) for the
// leaver and one takeover guide. WeCom lists every transfer between the
// two, oldest first, so a customer's latest one wins.
func (s *Service) results(ctx context.Context, cli WeCom, t *app.Transfer, taker string) (map[string]result, error) {
	out := map[string]result{}
	for cursor := ""; ; {
		var page []wecom.TransferResultItem
		var err error
		if t.Mode == app.TransferResigned {
			page, cursor, err = cli.ResignedTransferResults(ctx, t.FromUserID, taker, cursor)
		} else {
			page, cursor, err = cli.TransferResults(ctx, t.FromUserID, taker, cursor)
		}
		if err != nil {
			return nil, err
		}
		for _, r := range page {
			out[r.ExternalUserID] = result{status: r.Status, takeover: time.Unix(r.TakeoverTime, 0).UTC()}
		}
		if cursor == "" {
			return out, nil
		}
	}
}

// apply settles one item from WeCom's status. An item WeCom knows nothing
// of is left alone for staleAfter (WeCom may not list it yet); after that
// a sent one is sent again and a waiting one fails as no_record.
func (s *Service) apply(ctx context.Context, t *app.Transfer, it app.TransferItem, r result) error {
	switch r.status {
	case statusDone:
		return s.settleSuccess(ctx, t, it, r.takeover)
	case statusWaiting:
		if it.State != app.ItemSent { // already waiting: nothing to write
			return nil
		}
		_, err := s.Store.MoveItems(ctx, t.CorpID, []int64{it.ID}, []string{app.ItemSent}, app.ItemWaiting, nil)
		return err
	case statusRefused:
		return s.settleFailure(ctx, t, it, app.ItemRefused, app.ReasonCustomerRefused, 0)
	case statusFull:
		return s.settleFailure(ctx, t, it, app.ItemLimitExceeded, app.ReasonTakeoverFull, 0)
	}
	if it.SentAt == nil || s.clock().Sub(*it.SentAt) < staleAfter {
		return nil
	}
	if it.State == app.ItemSent {
		_, err := s.Store.MoveItems(ctx, t.CorpID, []int64{it.ID}, []string{app.ItemSent}, app.ItemPending, map[string]any{"sent_at": nil})
		return err
	}
	return s.settleFailure(ctx, t, it, app.ItemFailed, app.ReasonNoRecord, 0)
}
