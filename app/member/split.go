package member

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// Split undoes merge mergeID: the merged record is active again with the
// keys the merge moved (those the survivor still holds), and the fields
// the merge filled on the survivor are emptied again unless someone has
// changed them since. Audited.
func (s *Service) Split(ctx context.Context, corpID, mergeID int64) error {
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		mg, err := s.Store.LockMerge(ctx, corpID, mergeID)
		if err != nil {
			return err
		}
		if mg.UndoneAt != nil {
			return app.Errorf(app.ECONFLICT, "该合并已于 %s 撤销", mg.UndoneAt.Format("2006-01-02 15:04"))
		}
		survivor, merged, err := s.lockPair(ctx, corpID, mg.SurvivorID, mg.MergedID)
		if err != nil {
			return err
		}
		if merged.Status != app.MemberMerged || merged.MergedInto == nil || *merged.MergedInto != survivor.ID {
			return app.Errorf(app.ECONFLICT, "会员记录在合并后又有变化，无法撤销这次合并")
		}
		return s.split(ctx, mg, survivor, merged)
	})
}

// split moves the keys back, restores both records and records the undo.
func (s *Service) split(ctx context.Context, mg *app.MemberMerge, survivor, merged *app.Member) error {
	var moved []movedKey
	var snap snapshot
	if err := json.Unmarshal([]byte(mg.Keys), &moved); err != nil {
		return fmt.Errorf("merge %d keys: %w", mg.ID, err)
	}
	if err := json.Unmarshal([]byte(mg.Before), &snap); err != nil {
		return fmt.Errorf("merge %d snapshot: %w", mg.ID, err)
	}
	back, err := s.stillHeld(ctx, survivor, moved)
	if err != nil {
		return err
	}
	if err := s.Store.MoveIdentities(ctx, mg.CorpID, back, merged.ID); err != nil {
		return err
	}
	restore(survivor, &snap.Before, &snap.After)
	merged.Status, merged.MergedInto = app.MemberActive, nil
	for _, m := range []*app.Member{survivor, merged} {
		if err := s.Store.SaveMember(ctx, m); err != nil {
			return err
		}
	}
	if err := s.Store.UndoMerge(ctx, mg.CorpID, mg.ID, app.Actor(ctx), s.now()); err != nil {
		return err
	}
	return s.Audit.Record(ctx, app.AuditChange{CorpID: mg.CorpID, Action: "member.split", TargetType: "member",
		TargetID: survivor.ID, Detail: map[string]any{"merged_id": merged.ID, "merge_id": mg.ID, "keys": len(back)}})
}

// stillHeld are the ids of moved the survivor still holds.
func (s *Service) stillHeld(ctx context.Context, survivor *app.Member, moved []movedKey) ([]int64, error) {
	held, err := s.Store.IdentitiesOf(ctx, survivor.CorpID, survivor.ID)
	if err != nil {
		return nil, err
	}
	has := map[int64]bool{}
	for _, k := range held {
		has[k.ID] = true
	}
	var out []int64
	for _, k := range moved {
		if has[k.ID] {
			out = append(out, k.ID)
		}
	}
	return out, nil
}

// lockPair locks members a and b in id order, so two merges of the same
// pair cannot deadlock, and returns them as (a, b).
func (s *Service) lockPair(ctx context.Context, corpID, a, b int64) (*app.Member, *app.Member, error) {
	first, second := a, b
	if b < a {
		first, second = b, a
	}
	m1, err := s.Store.LockMember(ctx, corpID, first)
	if err != nil {
		return nil, nil, err
	}
	m2, err := s.Store.LockMember(ctx, corpID, second)
	if err != nil {
		return nil, nil, err
	}
	if first == a {
		return m1, m2, nil
	}
	return m2, m1, nil
}
