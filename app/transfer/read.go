package transfer

import (
	"context"
	"slices"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// ListTransfers returns a page of the corp's transfers with their item
// counts; a store manager sees those of their store.
func (s *Service) ListTransfers(ctx context.Context, corpID int64, by app.Principal, p app.Page) ([]app.Transfer, int64, error) {
	store, err := s.storeOf(ctx, corpID, by)
	if err != nil {
		return nil, 0, err
	}
	return s.Store.ListTransfers(ctx, corpID, store, p)
}

// FindTransfer returns a transfer with its item counts and its groups.
func (s *Service) FindTransfer(ctx context.Context, corpID, id int64, by app.Principal) (*app.Transfer, []app.TransferGroup, error) {
	t, err := s.visible(ctx, corpID, id, by)
	if err != nil {
		return nil, nil, err
	}
	groups, err := s.Store.GroupsIn(ctx, corpID, id)
	return t, groups, err
}

// itemStates are the states a list of items may be narrowed to.
var itemStates = []string{app.ItemPending, app.ItemSent, app.ItemWaiting, app.ItemSucceeded,
	app.ItemRefused, app.ItemLimitExceeded, app.ItemFailed, app.ItemCancelled}

// ListTransferItems returns a page of a transfer's items. An unknown
// state is refused rather than answered with an empty page, which would
// read as "no such customers".
func (s *Service) ListTransferItems(ctx context.Context, corpID, id int64, by app.Principal, f app.TransferFilter) ([]app.TransferItem, int64, error) {
	if f.State != "" && !slices.Contains(itemStates, f.State) {
		names := make([]string, len(itemStates))
		for i, st := range itemStates {
			names[i] = app.ItemStateLabel(st) + "（" + st + "）"
		}
		return nil, 0, app.FieldInvalid("state", "状态应为"+strings.Join(names, "、")+"之一")
	}
	if _, err := s.visible(ctx, corpID, id, by); err != nil {
		return nil, 0, err
	}
	return s.Store.ListItems(ctx, corpID, id, f)
}

// visible returns the transfer if the caller may see it: a store
// manager's view of another store's transfer is "not found", so ids of
// other stores cannot be probed.
func (s *Service) visible(ctx context.Context, corpID, id int64, by app.Principal) (*app.Transfer, error) {
	store, err := s.storeOf(ctx, corpID, by)
	if err != nil {
		return nil, err
	}
	t, err := s.Store.FindTransfer(ctx, corpID, id)
	if err == nil && store != 0 && t.FromStoreID != store {
		return nil, app.Errorf(app.ENOTFOUND, "转接任务不存在")
	}
	return t, err
}
