package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// ReplaceCorpTags makes the tag library equal to groups (WeCom's full list):
// what is listed is upserted and revived, what is not is marked deleted.
func (s *DirectoryStore) ReplaceCorpTags(ctx context.Context, corpID int64, groups []app.TagGroup, at time.Time) error {
	var tags []app.Tag
	var groupIDs, tagIDs []string
	for i := range groups {
		groups[i].CorpID, groups[i].DeletedAt = corpID, nil
		groupIDs = append(groupIDs, groups[i].GroupID)
		for _, t := range groups[i].Tags {
			t.CorpID, t.GroupID, t.DeletedAt = corpID, groups[i].GroupID, nil
			tags = append(tags, t)
			tagIDs = append(tagIDs, t.TagID)
		}
	}
	if err := s.upsertTagRows(ctx, groups, tags); err != nil {
		return err
	}
	if err := s.markMissing(ctx, "corp_tag_groups", "group_id", corpID, groupIDs, at); err != nil {
		return err
	}
	return s.markMissing(ctx, "corp_tags", "tag_id", corpID, tagIDs, at)
}

func (s *DirectoryStore) upsertTagRows(ctx context.Context, groups []app.TagGroup, tags []app.Tag) error {
	if len(groups) > 0 {
		if err := s.db.with(ctx).Table("corp_tag_groups").Clauses(upsert([]string{"corp_id", "group_id"},
			[]string{"name", "sort_order", "create_time", "deleted_at", "updated_at"})).
			Omit("id", "Tags").CreateInBatches(groups, 200).Error; err != nil {
			return domainError(err, "标签组")
		}
	}
	if len(tags) == 0 {
		return nil
	}
	return domainError(s.db.with(ctx).Table("corp_tags").Clauses(upsert([]string{"corp_id", "tag_id"},
		[]string{"group_id", "name", "sort_order", "create_time", "deleted_at", "updated_at"})).
		Omit("id").CreateInBatches(tags, 500).Error, "标签")
}

func (s *DirectoryStore) markMissing(ctx context.Context, table, col string, corpID int64, present []string, at time.Time) error {
	q := s.db.with(ctx).Table(table).Where("corp_id = ? AND deleted_at IS NULL", corpID)
	if len(present) > 0 {
		q = q.Where(col+" NOT IN ?", present)
	}
	return domainError(q.Updates(map[string]any{"deleted_at": at, "updated_at": time.Now().UTC()}).Error, "标签")
}

// CorpTags lists a corp's live tag groups with their live tags.
func (s *DirectoryStore) CorpTags(ctx context.Context, corpID int64) ([]app.TagGroup, error) {
	var groups []app.TagGroup
	if err := s.db.with(ctx).Table("corp_tag_groups").Where("corp_id = ? AND deleted_at IS NULL", corpID).Order("group_id").Find(&groups).Error; err != nil {
		return nil, domainError(err, "标签组")
	}
	var tags []app.Tag
	if err := s.db.with(ctx).Table("corp_tags").Where("corp_id = ? AND deleted_at IS NULL", corpID).Order("tag_id").Find(&tags).Error; err != nil {
		return nil, domainError(err, "标签")
	}
	for i := range groups {
		for _, t := range tags {
			if t.GroupID == groups[i].GroupID {
				groups[i].Tags = append(groups[i].Tags, t)
			}
		}
	}
	return groups, nil
}

// LiveTags returns which of tagIDs are in the corp's tag library now.
func (s *DirectoryStore) LiveTags(ctx context.Context, corpID int64, tagIDs []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(tagIDs) == 0 {
		return out, nil
	}
	var ids []string
	err := s.db.with(ctx).Table("corp_tags").Where("corp_id = ? AND deleted_at IS NULL AND tag_id IN ?", corpID, tagIDs).
		Pluck("tag_id", &ids).Error
	for _, id := range ids {
		out[id] = true
	}
	return out, domainError(err, "标签")
}
