package db

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// DirectoryStore mirrors a corp's WeCom directory: staff, customers, follow
// relations with their tags, groups and members, and the corp tag library.
// Writes are upserts keyed on WeCom ids and are order-safe: an older event
// arriving late never undoes what a newer one did.
type DirectoryStore struct{ db *DB }

// NewDirectoryStore returns a DirectoryStore on db (or on a transaction).
func NewDirectoryStore(db *DB) *DirectoryStore { return &DirectoryStore{db: db} }

type followTag struct {
	CorpID         int64
	UserID         string `gorm:"column:userid"`
	ExternalUserID string `gorm:"column:external_userid"`
	TagID          string
	TagType        int
}

// UpsertCustomers writes customer profiles.
func (s *DirectoryStore) UpsertCustomers(ctx context.Context, cs []app.Customer) error {
	if len(cs) == 0 {
		return nil
	}
	err := s.db.with(ctx).Table("customers").Clauses(upsert([]string{"corp_id", "external_userid"},
		[]string{"unionid", "name", "type", "gender", "avatar", "corp_name", "synced_at", "updated_at"})).
		Omit("id").CreateInBatches(cs, 200).Error
	return domainError(err, "客户")
}

// UpsertFollows writes follow relations WeCom reports as existing, with
// their tags. A row deleted after the add WeCom reports stays deleted: the
// report is older than the deletion we already applied.
func (s *DirectoryStore) UpsertFollows(ctx context.Context, fs []app.Follow) error {
	if len(fs) == 0 {
		return nil
	}
	deletedLater := "deleted_at IS NOT NULL AND deleted_at > " + s.db.excluded("add_time")
	err := s.db.with(ctx).Table("follows").Clauses(upsert(followKey,
		[]string{"remark", "description", "add_time", "add_way", "state", "oper_userid", "synced_at", "updated_at"},
		assign("deleted_by", "CASE WHEN "+deletedLater+" THEN deleted_by ELSE '' END"),
		assign("deleted_at", "CASE WHEN "+deletedLater+" THEN deleted_at ELSE NULL END"))).
		Omit("id", "TagIDs").CreateInBatches(fs, 200).Error
	if err != nil {
		return domainError(err, "跟进关系")
	}
	return s.replaceFollowTags(ctx, fs)
}

// replaceFollowTags sets the tags of each pair in fs to exactly f.TagIDs.
func (s *DirectoryStore) replaceFollowTags(ctx context.Context, fs []app.Follow) error {
	var tags []followTag
	for _, f := range fs {
		if err := s.pair(ctx, "follow_tags", f.CorpID, f.UserID, f.ExternalUserID).Delete(nil).Error; err != nil {
			return domainError(err, "客户标签")
		}
		for _, id := range uniq(f.TagIDs) {
			tags = append(tags, followTag{CorpID: f.CorpID, UserID: f.UserID, ExternalUserID: f.ExternalUserID, TagID: id, TagType: 1})
		}
	}
	if len(tags) == 0 {
		return nil
	}
	return domainError(s.db.with(ctx).Table("follow_tags").CreateInBatches(tags, 500).Error, "客户标签")
}

// DeleteFollow records that a relation ended at (WeCom's event time), by
// whom. It is ignored when the row reflects an add newer than at; it
// creates a tombstone when the relation was never seen, so a late add
// older than the deletion cannot create it.
func (s *DirectoryStore) DeleteFollow(ctx context.Context, corpID int64, userID, externalUserID, by string, at time.Time) (bool, error) {
	f := app.Follow{CorpID: corpID, UserID: userID, ExternalUserID: externalUserID, DeletedAt: &at, DeletedBy: by}
	addedLater := "add_time IS NOT NULL AND add_time > " + s.db.excluded("deleted_at")
	err := s.db.with(ctx).Table("follows").Clauses(upsert(followKey, nil,
		assign("deleted_by", "CASE WHEN "+addedLater+" THEN deleted_by ELSE "+s.db.excluded("deleted_by")+" END"),
		assign("deleted_at", "CASE WHEN "+addedLater+" THEN deleted_at ELSE "+s.db.excluded("deleted_at")+" END"))).
		Omit("id", "TagIDs").Create(&f).Error
	if err != nil {
		return false, domainError(err, "跟进关系")
	}
	row, err := s.FindFollow(ctx, corpID, userID, externalUserID)
	if err != nil {
		return false, err
	}
	if row.DeletedAt == nil || !row.DeletedAt.Equal(at) {
		return false, nil
	}
	return true, domainError(s.pair(ctx, "follow_tags", corpID, userID, externalUserID).Delete(nil).Error, "客户标签")
}

// followKey is the unique key of a relation, in follows and follow_tags.
var followKey = []string{"corp_id", "userid", "external_userid"}

// pair scopes a query on table to one member × customer relation.
func (s *DirectoryStore) pair(ctx context.Context, table string, corpID int64, userID, externalUserID string) *gorm.DB {
	return s.db.with(ctx).Table(table).Where("corp_id = ? AND userid = ? AND external_userid = ?", corpID, userID, externalUserID)
}
