package db

import (
	"context"
	"time"

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
	keep := "CASE WHEN deleted_at IS NOT NULL AND deleted_at > " + s.db.excluded("add_time") + " THEN %s ELSE %s END"
	err := s.db.with(ctx).Table("follows").Clauses(upsert([]string{"corp_id", "userid", "external_userid"},
		[]string{"remark", "description", "add_time", "add_way", "state", "oper_userid", "synced_at", "updated_at"},
		assign("deleted_by", sprintf(keep, "deleted_by", "''")),
		assign("deleted_at", sprintf(keep, "deleted_at", "NULL")))).
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
		if err := s.db.with(ctx).Table("follow_tags").Where("corp_id = ? AND userid = ? AND external_userid = ?",
			f.CorpID, f.UserID, f.ExternalUserID).Delete(nil).Error; err != nil {
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
	err := s.db.with(ctx).Table("follows").Clauses(upsert([]string{"corp_id", "userid", "external_userid"}, nil,
		assign("deleted_by", "CASE WHEN add_time IS NOT NULL AND add_time > "+s.db.excluded("deleted_at")+" THEN deleted_by ELSE "+s.db.excluded("deleted_by")+" END"),
		assign("deleted_at", "CASE WHEN add_time IS NOT NULL AND add_time > "+s.db.excluded("deleted_at")+" THEN deleted_at ELSE "+s.db.excluded("deleted_at")+" END"))).
		Omit("id", "TagIDs").Create(&f).Error
	if err != nil {
		return false, domainError(err, "跟进关系")
	}
	var row app.Follow
	if err := s.db.with(ctx).Table("follows").Where("corp_id = ? AND userid = ? AND external_userid = ?", corpID, userID, externalUserID).Take(&row).Error; err != nil {
		return false, domainError(err, "跟进关系")
	}
	applied := row.DeletedAt != nil && row.DeletedAt.Equal(at)
	if applied {
		err = s.db.with(ctx).Table("follow_tags").Where("corp_id = ? AND userid = ? AND external_userid = ?", corpID, userID, externalUserID).Delete(nil).Error
	}
	return applied, domainError(err, "客户标签")
}
