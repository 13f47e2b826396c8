package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// GroupTagStore keeps Siyu group tags (group_tags) and which groups carry
// them (group_tag_links); app/grouptag is its only writer. It reads the
// group mirror (customer_groups) to refuse unknown groups and group_sops
// to refuse deleting a tag a SOP selects. Every query is scoped to a corp.
type GroupTagStore struct{ db *DB }

// NewGroupTagStore returns a GroupTagStore on db.
func NewGroupTagStore(db *DB) *GroupTagStore { return &GroupTagStore{db: db} }

// tagWithChats selects a tag t with how many groups carry it.
const tagWithChats = "t.*, (SELECT COUNT(*) FROM group_tag_links l WHERE l.corp_id = t.corp_id AND l.tag_id = t.id) AS chats"

// ListGroupTags returns the corp's tags by category then name, each with
// how many groups carry it.
func (st *GroupTagStore) ListGroupTags(ctx context.Context, corpID int64) ([]app.GroupTag, error) {
	var ts []app.GroupTag
	err := st.db.with(ctx).Table("group_tags AS t").Where("t.corp_id = ?", corpID).Select(tagWithChats).
		Order("t.group_name, t.name, t.id").Find(&ts).Error
	return ts, domainError(err, "群标签")
}

// FindGroupTags returns the corp's tags among ids (unknown ids are left out).
func (st *GroupTagStore) FindGroupTags(ctx context.Context, corpID int64, ids []int64) ([]app.GroupTag, error) {
	var ts []app.GroupTag
	if len(ids) == 0 {
		return ts, nil
	}
	err := st.db.with(ctx).Table("group_tags AS t").Where("t.corp_id = ? AND t.id IN ?", corpID, ids).Select(tagWithChats).
		Order("t.id").Find(&ts).Error
	return ts, domainError(err, "群标签")
}

// CreateGroupTag inserts t; a name the corp already uses is a conflict.
func (st *GroupTagStore) CreateGroupTag(ctx context.Context, t *app.GroupTag) error {
	now := time.Now().UTC()
	t.CreatedAt, t.UpdatedAt = now, now
	return domainError(st.db.with(ctx).Table("group_tags").Omit("chats").Create(t).Error, "群标签名称")
}

// SaveGroupTag writes t's name and category.
func (st *GroupTagStore) SaveGroupTag(ctx context.Context, t *app.GroupTag) error {
	t.UpdatedAt = time.Now().UTC()
	res := st.db.with(ctx).Table("group_tags").Where("corp_id = ? AND id = ?", t.CorpID, t.ID).
		Select("name", "group_name", "updated_at").Updates(t)
	if res.Error == nil && res.RowsAffected == 0 {
		return app.Errorf(app.ENOTFOUND, "群标签不存在")
	}
	return domainError(res.Error, "群标签名称")
}

// DeleteGroupTag deletes tag id and takes it off every group, at once.
func (st *GroupTagStore) DeleteGroupTag(ctx context.Context, corpID, id int64) error {
	return st.db.InTx(ctx, func(ctx context.Context) error {
		res := st.db.with(ctx).Exec("DELETE FROM group_tags WHERE corp_id = ? AND id = ?", corpID, id)
		if res.Error == nil && res.RowsAffected == 0 {
			return app.Errorf(app.ENOTFOUND, "群标签不存在")
		}
		if res.Error != nil {
			return domainError(res.Error, "群标签")
		}
		err := st.db.with(ctx).Exec("DELETE FROM group_tag_links WHERE corp_id = ? AND tag_id = ?", corpID, id).Error
		return domainError(err, "群标签")
	})
}
