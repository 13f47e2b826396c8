package db

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// ListFollows returns a page of the corp's relations in id order, ended
// ones (with when and by whom) included unless f.ActiveOnly.
func (s *DirectoryStore) ListFollows(ctx context.Context, corpID int64, f app.FollowFilter) ([]app.Follow, int64, error) {
	q := s.db.with(ctx).Table("follows").Where("corp_id = ?", corpID)
	if f.UserID != "" {
		q = q.Where("userid = ?", f.UserID)
	}
	if f.ExternalUserID != "" {
		q = q.Where("external_userid = ?", f.ExternalUserID)
	}
	if f.ActiveOnly {
		q = q.Where("deleted_at IS NULL")
	}
	var fs []app.Follow
	if err := page(q, f.Page, defaultFollowPage).Find(&fs).Error; err != nil {
		return nil, 0, domainError(err, "跟进关系")
	}
	fs, next := cut(fs, f.Page, defaultFollowPage, func(f app.Follow) int64 { return f.ID })
	return fs, next, s.attachTags(ctx, corpID, fs)
}

// ListGroups returns a page of the corp's groups in id order, dismissed
// ones included, each with its current members.
func (s *DirectoryStore) ListGroups(ctx context.Context, corpID int64, p app.Page) ([]app.GroupMembers, int64, error) {
	var gs []app.Group
	if err := page(s.db.with(ctx).Table("customer_groups").Where("corp_id = ?", corpID), p, defaultGroupPage).Find(&gs).Error; err != nil {
		return nil, 0, domainError(err, "客户群")
	}
	gs, next := cut(gs, p, defaultGroupPage, func(g app.Group) int64 { return g.ID })
	out := make([]app.GroupMembers, len(gs))
	chats := make([]string, len(gs))
	for i, g := range gs {
		out[i].Group, chats[i] = g, g.ChatID
	}
	if len(gs) == 0 {
		return out, next, nil
	}
	var ms []app.GroupMember
	if err := s.db.with(ctx).Table("group_members").Where("corp_id = ? AND chat_id IN ? AND left_at IS NULL", corpID, chats).
		Order("id").Find(&ms).Error; err != nil {
		return nil, 0, domainError(err, "群成员")
	}
	byChat := map[string][]app.GroupMember{}
	for _, m := range ms {
		byChat[m.ChatID] = append(byChat[m.ChatID], m)
	}
	for i := range out {
		out[i].Members = byChat[out[i].ChatID]
	}
	return out, next, nil
}

// ListTagGroups returns a page of the corp's live tag groups in id order,
// each with its live tags.
func (s *DirectoryStore) ListTagGroups(ctx context.Context, corpID int64, p app.Page) ([]app.TagGroup, int64, error) {
	var gs []app.TagGroup
	q := s.db.with(ctx).Table("corp_tag_groups").Where("corp_id = ? AND deleted_at IS NULL", corpID)
	if err := page(q, p, defaultTagPage).Find(&gs).Error; err != nil {
		return nil, 0, domainError(err, "标签组")
	}
	gs, next := cut(gs, p, defaultTagPage, func(g app.TagGroup) int64 { return g.ID })
	ids := make([]string, len(gs))
	for i, g := range gs {
		ids[i] = g.GroupID
	}
	var tags []app.Tag
	if len(ids) > 0 {
		if err := s.db.with(ctx).Table("corp_tags").Where("corp_id = ? AND deleted_at IS NULL AND group_id IN ?", corpID, ids).
			Order("sort_order DESC, id").Find(&tags).Error; err != nil {
			return nil, 0, domainError(err, "标签")
		}
	}
	byGroup := map[string][]app.Tag{}
	for _, t := range tags {
		byGroup[t.GroupID] = append(byGroup[t.GroupID], t)
	}
	for i := range gs {
		gs[i].Tags = byGroup[gs[i].GroupID]
	}
	return gs, next, nil
}

// ListSyncRuns returns the corp's sync runs newest first; p.After is the
// ID below which to list (0 for the newest).
func (s *DirectoryStore) ListSyncRuns(ctx context.Context, corpID int64, p app.Page) ([]app.SyncRun, int64, error) {
	q := s.db.with(ctx).Table(syncTable).Where("corp_id = ?", corpID)
	if p.After > 0 {
		q = q.Where("id < ?", p.After)
	}
	var runs []app.SyncRun
	if err := q.Order("id DESC").Limit(app.PageLimit(p.Limit, defaultSyncPage) + 1).Find(&runs).Error; err != nil {
		return nil, 0, domainError(err, "同步任务")
	}
	runs, next := cut(runs, p, defaultSyncPage, func(r app.SyncRun) int64 { return r.ID })
	return runs, next, nil
}
