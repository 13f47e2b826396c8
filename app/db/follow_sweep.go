package db

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// SweepFollows marks deleted (by "sync") the active relations of a customer
// that WeCom no longer reported when read at readAt. at is a time the
// relation is known to have ended by; a row whose add is newer keeps its
// add time as the end, so the row still reads as "deleted after its add".
// A relation added around or after readAt is left alone: that read cannot
// have seen it (an add event written from the event alone, while the read
// was under way).
func (s *DirectoryStore) SweepFollows(ctx context.Context, corpID int64, externalUserID string, present []string, at, readAt time.Time) error {
	q := s.db.with(ctx).Table("follows").Where("corp_id = ? AND external_userid = ? AND deleted_at IS NULL", corpID, externalUserID).
		Where("add_time IS NULL OR add_time < ?", readAt.Add(-sweepMargin))
	if len(present) > 0 {
		q = q.Where("userid NOT IN ?", present)
	}
	_, err := s.endAsSynced(ctx, q, func(f app.Follow) time.Time {
		if f.AddTime != nil && f.AddTime.After(at) {
			return *f.AddTime
		}
		return at
	})
	return err
}

// endAsSynced records the relations q selects as ended (by "sync") at the
// time end gives each, and returns how many there were.
func (s *DirectoryStore) endAsSynced(ctx context.Context, q *gorm.DB, end func(app.Follow) time.Time) (int, error) {
	var gone []app.Follow
	if err := q.Find(&gone).Error; err != nil {
		return 0, domainError(err, "跟进关系")
	}
	for _, f := range gone {
		if err := s.DeleteFollow(ctx, f.CorpID, f.UserID, f.ExternalUserID, app.FollowDeletedBySync, end(f)); err != nil {
			return 0, err
		}
	}
	return len(gone), nil
}

// sweepMargin allows for WeCom's add times having whole seconds and for
// clock skew between WeCom and us; sparing a recent add costs nothing, as
// its own events and the next sync settle it.
const sweepMargin = time.Minute

// ActiveFollows lists a corp's current relations with their tags, ordered
// by customer then member; for comparisons and exports.
func (s *DirectoryStore) ActiveFollows(ctx context.Context, corpID int64) ([]app.Follow, error) {
	var fs []app.Follow
	if err := s.db.with(ctx).Table("follows").Where("corp_id = ? AND deleted_at IS NULL", corpID).
		Order("external_userid, userid").Find(&fs).Error; err != nil {
		return nil, domainError(err, "跟进关系")
	}
	q := s.db.with(ctx).Table("follow_tags").Where("corp_id = ?", corpID)
	return fs, s.fillTags(q, fs)
}

// fillTags sets the TagIDs of fs, in tag order, from the follow_tags rows
// q selects (which must cover them).
func (s *DirectoryStore) fillTags(q *gorm.DB, fs []app.Follow) error {
	var tags []followTag
	if err := q.Order("tag_id").Find(&tags).Error; err != nil {
		return domainError(err, "客户标签")
	}
	byPair := map[[2]string][]string{}
	for _, t := range tags {
		k := [2]string{t.UserID, t.ExternalUserID}
		byPair[k] = append(byPair[k], t.TagID)
	}
	for i := range fs {
		fs[i].TagIDs = byPair[[2]string{fs[i].UserID, fs[i].ExternalUserID}]
	}
	return nil
}

// FindFollow returns one relation, deleted or not.
func (s *DirectoryStore) FindFollow(ctx context.Context, corpID int64, userID, externalUserID string) (*app.Follow, error) {
	var f app.Follow
	err := s.pair(ctx, "follows", corpID, userID, externalUserID).Take(&f).Error
	return &f, domainError(err, "跟进关系")
}

// SweepUnsynced ends (by "sync") every active relation of corpID not read
// from WeCom since before: a full sync started then and did not see it.
// The end is put at the relation's add time (floor if unknown), the
// earliest it can have been, so any later add WeCom reports revives it and
// the real deletion event, when it comes, records the true time. A
// relation added around or after before is spared: the sync cannot have
// seen it (an add written from its event, its read still queued).
func (s *DirectoryStore) SweepUnsynced(ctx context.Context, corpID int64, before, floor time.Time) (int, error) {
	q := s.db.with(ctx).Table("follows").Where("corp_id = ? AND deleted_at IS NULL AND (synced_at IS NULL OR synced_at < ?)", corpID, before).
		Where("add_time IS NULL OR add_time < ?", before.Add(-sweepMargin))
	return s.endAsSynced(ctx, q, func(f app.Follow) time.Time {
		if f.AddTime != nil {
			return *f.AddTime
		}
		return floor
	})
}
