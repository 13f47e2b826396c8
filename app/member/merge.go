package member

import (
	"context"
	"encoding/json"

	"github.com/siyu-scrm/siyu/app"
)

// Reasons of a merge.
const (
	MergeReview = "review" // an operator merged a possible match
	MergeManual = "manual" // an operator merged two records by hand
)

// movedKey is one key a merge moved, by id, so that a split moves it
// back.
type movedKey struct {
	ID    int64
	Kind  string
	Value string
}

// snapshot is the survivor before and after a merge filled it in.
type snapshot struct {
	Before app.Member
	After  app.Member
}

// merge folds merged into survivor, both locked by the caller: every key
// of merged moves to survivor, the fields survivor lacks are filled from
// merged, and merged points at survivor from then on. The merge is
// recorded, with what it moved and filled, and audited.
func (s *Service) merge(ctx context.Context, survivor, merged *app.Member, reason string) error {
	keys, err := s.Store.IdentitiesOf(ctx, merged.CorpID, merged.ID)
	if err != nil {
		return err
	}
	moved, ids := make([]movedKey, len(keys)), make([]int64, len(keys))
	for i, k := range keys {
		moved[i], ids[i] = movedKey{k.ID, k.Kind, maskKey(k)}, k.ID
	}
	if err := s.Store.MoveIdentities(ctx, merged.CorpID, ids, survivor.ID); err != nil {
		return err
	}
	snap := snapshot{Before: *survivor}
	fill(survivor, merged)
	snap.After = *survivor
	merged.Status, merged.MergedInto = app.MemberMerged, &survivor.ID
	if err := s.Store.SaveMember(ctx, merged); err != nil {
		return err
	}
	if err := s.Store.SaveMember(ctx, survivor); err != nil {
		return err
	}
	return s.recordMerge(ctx, survivor, merged, reason, moved, snap)
}

// recordMerge keeps the merge for a split and audits it.
func (s *Service) recordMerge(ctx context.Context, survivor, merged *app.Member, reason string, moved []movedKey, snap snapshot) error {
	k, _ := json.Marshal(moved)
	b, _ := json.Marshal(snap)
	rec := &app.MemberMerge{CorpID: survivor.CorpID, SurvivorID: survivor.ID, MergedID: merged.ID, Reason: reason,
		Keys: string(k), Before: string(b), Actor: app.Actor(ctx)}
	if err := s.Store.CreateMerge(ctx, rec); err != nil {
		return err
	}
	return s.Audit.Record(ctx, app.AuditChange{CorpID: survivor.CorpID, Action: "member.merge", TargetType: "member",
		TargetID: survivor.ID, Detail: map[string]any{"merged_id": merged.ID, "merge_id": rec.ID, "reason": reason, "keys": len(moved)}})
}

// maskKey is a key as the merge record keeps it: a phone's index is not
// shown to anyone, so it is kept only by id.
func maskKey(k app.MemberIdentity) string {
	if k.Kind == app.KeyPhone {
		return ""
	}
	return k.Value
}
