package member

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// MergeReviewed merges possible match reviewID: the other record into
// the one the data was for, or the other way round when keepOther. The
// review is closed as merged. A review without another record (the data
// clashed with the record itself) can only be dismissed.
func (s *Service) MergeReviewed(ctx context.Context, corpID, reviewID int64, keepOther bool) (*app.MemberMerge, error) {
	var out *app.MemberMerge
	err := s.Tx.InTx(ctx, func(ctx context.Context) error {
		rv, err := s.openReview(ctx, corpID, reviewID)
		if err != nil {
			return err
		}
		if rv.OtherID == 0 {
			return app.Errorf(app.EINVALID, "这条待审核记录没有另一条会员记录可合并，只能忽略")
		}
		survivor, merged := rv.MemberID, rv.OtherID
		if keepOther {
			survivor, merged = merged, survivor
		}
		if out, err = s.mergeIDs(ctx, corpID, survivor, merged, MergeReview); err != nil {
			return err
		}
		return s.Store.DecideReview(ctx, corpID, rv.ID, app.ReviewMerged, app.Actor(ctx), s.now())
	})
	return out, err
}

// Dismiss closes possible match reviewID without merging: the records
// stay apart, and the same data never asks again.
func (s *Service) Dismiss(ctx context.Context, corpID, reviewID int64) error {
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		rv, err := s.openReview(ctx, corpID, reviewID)
		if err != nil {
			return err
		}
		if err := s.Store.DecideReview(ctx, corpID, rv.ID, app.ReviewDismissed, app.Actor(ctx), s.now()); err != nil {
			return err
		}
		return s.Audit.Record(ctx, app.AuditChange{CorpID: corpID, Action: "member.review_dismiss", TargetType: "member",
			TargetID: rv.MemberID, Detail: map[string]any{"review_id": rv.ID, "other_id": rv.OtherID, "reason": rv.Reason}})
	})
}

// Merge folds member mergedID into survivorID by an operator's decision.
func (s *Service) Merge(ctx context.Context, corpID, survivorID, mergedID int64) (*app.MemberMerge, error) {
	var out *app.MemberMerge
	err := s.Tx.InTx(ctx, func(ctx context.Context) (err error) {
		out, err = s.mergeIDs(ctx, corpID, survivorID, mergedID, MergeManual)
		return err
	})
	return out, err
}

// openReview locks review id, which must still be open.
func (s *Service) openReview(ctx context.Context, corpID, id int64) (*app.MemberReview, error) {
	rv, err := s.Store.LockReview(ctx, corpID, id)
	if err == nil && rv.Status != app.ReviewOpen {
		err = app.Errorf(app.ECONFLICT, "这条待审核记录已处理")
	}
	return rv, err
}

// mergeIDs locks both records, checks they can merge, and merges.
func (s *Service) mergeIDs(ctx context.Context, corpID, survivorID, mergedID int64, reason string) (*app.MemberMerge, error) {
	if survivorID == mergedID {
		return nil, app.Errorf(app.EINVALID, "不能把会员与自己合并")
	}
	survivor, merged, err := s.lockPair(ctx, corpID, survivorID, mergedID)
	if err != nil {
		return nil, err
	}
	var f app.Fields
	f.Check(survivor.Status != app.MemberActive, "survivor_id", "保留的会员已被合并到其他记录")
	f.Check(merged.Status != app.MemberActive, "merged_id", "要合并的会员已被合并到其他记录")
	f.Check(survivor.Scope != merged.Scope, "merged_id", "两条会员记录属于不同品牌，不能合并")
	if err := f.Err(); err != nil {
		return nil, err
	}
	if err := s.merge(ctx, survivor, merged, reason); err != nil {
		return nil, err
	}
	return s.lastMerge(ctx, corpID, survivor.ID)
}

// lastMerge is the merge just recorded for survivor.
func (s *Service) lastMerge(ctx context.Context, corpID, survivorID int64) (*app.MemberMerge, error) {
	ms, err := s.Store.MergesOf(ctx, corpID, survivorID)
	if err != nil || len(ms) == 0 {
		return nil, err
	}
	return &ms[0], nil
}
