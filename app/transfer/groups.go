package transfer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// sendGroups hands the leaver's groups over, up to 100 per new owner and
// call: groupchat/onjob_transfer while the leaver is employed (doc 95703),
// groupchat/transfer once resigned (doc 92127). WeCom moves groups at
// once, so each group settles with its call.
func (s *Service) sendGroups(ctx context.Context, cli WeCom, t *app.Transfer) error {
	if err := s.reviveGroups(ctx, t); err != nil {
		return err
	}
	for {
		groups, err := s.claimGroups(ctx, t)
		if err != nil || len(groups) == 0 {
			return err
		}
		if err := s.sendGroupBatch(ctx, cli, t, groups); err != nil {
			return err
		}
	}
}

// claimGroups moves the next groups of one new owner from pending to sent
// under the transfer's row lock.
func (s *Service) claimGroups(ctx context.Context, t *app.Transfer) (out []app.TransferGroup, err error) {
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		out = nil // InTx may run this again after a deadlock
		ts := s.Store
		if err := ts.TouchTransfer(ctx, t.CorpID, t.ID); err != nil {
			return err
		}
		pending, err := ts.GroupsIn(ctx, t.CorpID, t.ID, app.GroupPending)
		if err != nil || len(pending) == 0 {
			return err
		}
		for _, g := range pending {
			if g.ToUserID == pending[0].ToUserID && len(out) < batchSize {
				out = append(out, g)
			}
		}
		_, err = ts.MoveGroups(ctx, t.CorpID, groupIDs(out), []string{app.GroupPending}, app.GroupSent, nil)
		return err
	})
	return out, err
}

func (s *Service) sendGroupBatch(ctx context.Context, cli WeCom, t *app.Transfer, groups []app.TransferGroup) error {
	chats := make([]string, len(groups))
	for i, g := range groups {
		chats[i] = g.ChatID
	}
	send := cli.OnJobTransferGroupChats
	if t.Mode == app.TransferResigned {
		send = cli.TransferGroupChats
	}
	failed, err := send(ctx, chats, groups[0].ToUserID)
	ts := s.Store
	if err != nil && !refusedOutright(err) {
		_, back := ts.MoveGroups(ctx, t.CorpID, groupIDs(groups), []string{app.GroupSent}, app.GroupPending, nil)
		return errors.Join(fmt.Errorf("transfer %d groups: %w", t.ID, err), back)
	}
	why := map[string]wecom.FailedChat{}
	for _, f := range failed {
		why[f.ChatID] = f
	}
	for _, g := range groups {
		f, bad := why[g.ChatID]
		if err != nil {
			f, bad = wecom.FailedChat{ErrCode: wecom.ErrCode(err), ErrMsg: app.ErrorMessage(err)}, true
		}
		state := app.GroupSucceeded
		if bad {
			state = app.GroupFailed
		}
		if _, err := ts.MoveGroups(ctx, t.CorpID, []int64{g.ID}, []string{app.GroupSent}, state,
			map[string]any{"errcode": f.ErrCode, "err_msg": app.Truncate(f.ErrMsg, 255)}); err != nil {
			return err
		}
	}
	return nil
}

// reviveGroups settles groups left sent past staleAfter (a crash hid the
// call's outcome) from Siyu's mirror, which WeCom's change_owner callback
// updates: owned by the new owner means it went through; otherwise the
// group is sent again.
func (s *Service) reviveGroups(ctx context.Context, t *app.Transfer) error {
	ts := s.Store
	sent, err := ts.GroupsIn(ctx, t.CorpID, t.ID, app.GroupSent)
	for _, g := range sent {
		if err != nil || time.Since(g.UpdatedAt) < staleAfter { // UpdatedAt is wall time
			continue
		}
		var owner string
		if owner, err = s.Directory.GroupOwner(ctx, t.CorpID, g.ChatID); err != nil {
			break
		}
		state := app.GroupPending
		if owner == g.ToUserID {
			state = app.GroupSucceeded
		}
		_, err = ts.MoveGroups(ctx, t.CorpID, []int64{g.ID}, []string{app.GroupSent}, state, nil)
	}
	return err
}

func groupIDs(gs []app.TransferGroup) []int64 {
	out := make([]int64, len(gs))
	for i, g := range gs {
		out[i] = g.ID
	}
	return out
}

// finish marks the transfer done once nothing of it is open, with its
// audit record.
func (s *Service) finish(ctx context.Context, t *app.Transfer) error {
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		ts := s.Store
		done, err := ts.FinishTransfer(ctx, t.CorpID, t.ID, s.clock())
		if err != nil || !done {
			return err
		}
		final, err := ts.FindTransfer(ctx, t.CorpID, t.ID)
		if err != nil {
			return err
		}
		return s.audit(ctx, final, "system:transfer", "transfer.finish", map[string]any{"items": final.Counts})
	})
}
