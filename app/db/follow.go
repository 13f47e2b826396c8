package db

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
)

// DirectoryStore mirrors a corp's WeCom directory: staff, customers, follow
// relations with their tags, groups and members, and the corp tag library.
// Writes are upserts keyed on WeCom ids and are order-safe: an older event
// arriving late never undoes what a newer one did.
type DirectoryStore struct {
	db            *DB
	commonTagRows int64 // see defaultCommonTagRows
}

// NewDirectoryStore returns a DirectoryStore on db (or on a transaction).
func NewDirectoryStore(db *DB) *DirectoryStore {
	return &DirectoryStore{db: db, commonTagRows: defaultCommonTagRows}
}

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
	err := s.db.with(ctx).Table("customers").Clauses(onKey([]string{"corp_id", "external_userid"},
		s.db.newerReadWins([]string{"unionid", "name", "type", "gender", "avatar", "corp_name"}))).
		Omit("id").CreateInBatches(cs, 200).Error
	return domainError(err, "客户")
}

// UpsertFollows writes follow relations WeCom reports as existing, with
// their tags. A row deleted after the add WeCom reports stays deleted: the
// report is older than the deletion we already applied. A row holding a
// later read (synced_at) keeps it: each f.SyncedAt must be the time its
// data was read from WeCom.
func (s *DirectoryStore) UpsertFollows(ctx context.Context, fs []app.Follow) error {
	if len(fs) == 0 {
		return nil
	}
	fs = stampReads(fs)
	keep := "(deleted_at IS NOT NULL AND deleted_at > " + s.db.excluded("add_time") + ") OR " + s.db.newerRead()
	err := s.db.with(ctx).Table("follows").Clauses(onKey(followKey, s.db.newerReadWins(
		[]string{"remark", "description", "add_time", "add_way", "state", "oper_userid"},
		assign("deleted_by", "CASE WHEN "+keep+" THEN deleted_by ELSE '' END"),
		assign("deleted_at", "CASE WHEN "+keep+" THEN deleted_at ELSE NULL END")))).
		Omit("id", "TagIDs").CreateInBatches(fs, 200).Error
	if err != nil {
		return domainError(err, "跟进关系")
	}
	won, err := s.writtenBy(ctx, fs)
	if err != nil {
		return err
	}
	return s.replaceFollowTags(ctx, won)
}

// stampReads returns fs with read times at the database's precision
// (milliseconds), so a row's synced_at compares equal to the read that
// wrote it; a missing read time means "read now".
func stampReads(fs []app.Follow) []app.Follow {
	out := slices.Clone(fs)
	now := time.Now().UTC()
	for i := range out {
		t := now
		if out[i].SyncedAt != nil {
			t = out[i].SyncedAt.UTC()
		}
		t = t.Truncate(time.Millisecond)
		out[i].SyncedAt = &t
	}
	return out
}

// writtenBy returns the follows of fs whose row now carries their read
// time, that is, whose write was not overruled by a later read.
func (s *DirectoryStore) writtenBy(ctx context.Context, fs []app.Follow) ([]app.Follow, error) {
	var rows []app.Follow
	if err := s.pairs(ctx, "follows", fs).Select("userid", "external_userid", "synced_at").Find(&rows).Error; err != nil {
		return nil, domainError(err, "跟进关系")
	}
	stamp := map[[2]string]time.Time{}
	for _, r := range rows {
		if r.SyncedAt != nil {
			stamp[[2]string{r.UserID, r.ExternalUserID}] = *r.SyncedAt
		}
	}
	var won []app.Follow
	for _, f := range fs {
		if t, ok := stamp[[2]string{f.UserID, f.ExternalUserID}]; ok && f.SyncedAt != nil && t.Equal(*f.SyncedAt) {
			won = append(won, f)
		}
	}
	return won, nil
}

// replaceFollowTags sets the tags of each pair in fs to exactly f.TagIDs,
// with one delete and one insert for the whole batch.
func (s *DirectoryStore) replaceFollowTags(ctx context.Context, fs []app.Follow) error {
	if len(fs) == 0 {
		return nil
	}
	if err := s.pairs(ctx, "follow_tags", fs).Delete(nil).Error; err != nil {
		return domainError(err, "客户标签")
	}
	var tags []followTag
	for _, f := range fs {
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
// whom. It is ignored when the row reflects an add newer than at, or a
// deletion later than at (a late retry of an older deletion); it creates a
// tombstone when the relation was never seen, so a late add older than the
// deletion cannot create it. A deletion inferred by a sync (by "sync")
// never replaces a recorded one, and a real one always replaces it: the
// sync only knows the relation had ended, not when or by whom. It takes
// two statements and no read, since deletions are the bulk of a busy
// corp's events.
func (s *DirectoryStore) DeleteFollow(ctx context.Context, corpID int64, userID, externalUserID, by string, at time.Time) error {
	return s.DeleteFollows(ctx, []app.Follow{{CorpID: corpID, UserID: userID, ExternalUserID: externalUserID, DeletedAt: &at, DeletedBy: by}})
}

// DeleteFollows is DeleteFollow for many deletions (each with DeletedAt
// and DeletedBy set), in two statements per corp.
func (s *DirectoryStore) DeleteFollows(ctx context.Context, dels []app.Follow) error {
	dels = inKeyOrder(dels)
	err := s.db.with(ctx).Table("follows").Clauses(upsert(followKey, nil, s.deletionSet()...)).
		Omit("id", "TagIDs").Create(&dels).Error
	if err != nil {
		return domainError(err, "跟进关系")
	}
	// Tags go with the relation, whichever deletion ended it.
	ended := "EXISTS (SELECT 1 FROM follows f WHERE f.corp_id = follow_tags.corp_id AND f.userid = follow_tags.userid" +
		" AND f.external_userid = follow_tags.external_userid AND f.deleted_at IS NOT NULL)"
	for _, fs := range followsByCorp(dels) {
		if err := s.pairs(ctx, "follow_tags", fs).Where(ended).Delete(nil).Error; err != nil {
			return domainError(err, "客户标签")
		}
	}
	return nil
}

// followsByCorp splits fs (in key order) into runs of one corp each.
func followsByCorp(fs []app.Follow) [][]app.Follow {
	var out [][]app.Follow
	for i := 0; i < len(fs); {
		j := i + 1
		for j < len(fs) && fs[j].CorpID == fs[i].CorpID {
			j++
		}
		out, i = append(out, fs[i:j]), j
	}
	return out
}

// deletionSet is DeleteFollow's conflict update. keep (the row stands) is
// worked out from the old row; MySQL evaluates the assignments in order
// and shows later ones the new values, so there deleted_at goes first and
// deleted_by then tells from deleted_at whether it was just written, while
// SQLite shows every assignment the old row.
func (s *DirectoryStore) deletionSet() []clause.Assignment {
	x := s.db.excluded
	keep := "(add_time IS NOT NULL AND add_time > " + x("deleted_at") + ") OR (deleted_at IS NOT NULL AND (" +
		x("deleted_by") + " = '" + app.FollowDeletedBySync + "' OR (deleted_by <> '" + app.FollowDeletedBySync +
		"' AND deleted_at > " + x("deleted_at") + ")))"
	at := assign("deleted_at", "CASE WHEN "+keep+" THEN deleted_at ELSE "+x("deleted_at")+" END")
	if s.db.dialect != config.DriverMySQL {
		return []clause.Assignment{assign("deleted_by", "CASE WHEN "+keep+" THEN deleted_by ELSE "+x("deleted_by")+" END"), at}
	}
	// After the first assignment deleted_at equals the new time if it was
	// written (or already equal, when the old deleted_by — empty on an
	// active row — decides as keep did).
	written := "deleted_at = " + x("deleted_at") + " AND (" + x("deleted_by") + " <> '" + app.FollowDeletedBySync + "' OR deleted_by = '')"
	return []clause.Assignment{at, assign("deleted_by", "CASE WHEN "+written+" THEN "+x("deleted_by")+" ELSE deleted_by END")}
}

// followKey is the unique key of a relation, in follows and follow_tags.
var followKey = []string{"corp_id", "userid", "external_userid"}

// pairs scopes a query on table to the relations of fs (all of one corp).
func (s *DirectoryStore) pairs(ctx context.Context, table string, fs []app.Follow) *gorm.DB {
	keys := make([][]any, len(fs))
	for i, f := range fs {
		keys[i] = []any{f.UserID, f.ExternalUserID}
	}
	return s.db.with(ctx).Table(table).Where("corp_id = ? AND (userid, external_userid) IN ?", fs[0].CorpID, keys)
}

// pair scopes a query on table to one member × customer relation.
func (s *DirectoryStore) pair(ctx context.Context, table string, corpID int64, userID, externalUserID string) *gorm.DB {
	return s.db.with(ctx).Table(table).Where("corp_id = ? AND userid = ? AND external_userid = ?", corpID, userID, externalUserID)
}
