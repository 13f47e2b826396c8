package transfer

import (
	"context"
	"slices"

	"github.com/siyu-scrm/siyu/app"
)

// SearchTransfers returns a page of the corp's transfers, newest first,
// with their item counts, narrowed by q; a store manager's are those of
// their store, whatever q asks. An unknown mode, rule or status is
// refused rather than answered with an empty page.
func (s *Service) SearchTransfers(ctx context.Context, q app.TransferQuery) ([]app.Transfer, bool, error) {
	var f app.Fields
	f.Check(q.Mode != "" && !slices.Contains([]string{app.TransferOnJob, app.TransferResigned}, q.Mode), "mode", "转接方式应为在职继承或离职继承")
	f.Check(q.Rule != "" && !slices.Contains([]string{app.TransferRoundRobin, app.TransferToGuide}, q.Rule), "rule", "分配规则应为本店导购轮流接替或指定导购接替")
	f.Check(q.Status != "" && !slices.Contains([]string{app.TransferRunning, app.TransferDone, app.TransferCancelled}, q.Status), "status",
		"状态应为进行中、已完成或已取消")
	if err := f.Err(); err != nil {
		return nil, false, err
	}
	store, err := s.storeOf(ctx, q.CorpID, q.By)
	if err != nil {
		return nil, false, err
	}
	return s.Store.SearchTransfers(ctx, q, store)
}
