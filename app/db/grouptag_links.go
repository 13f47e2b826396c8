package db

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// groupTagLink is a row of group_tag_links.
type groupTagLink struct {
	CorpID    int64
	ChatID    string
	TagID     int64
	CreatedAt time.Time
}

// LinkGroupTags puts tags on groups; a tag a group already carries stays.
func (st *GroupTagStore) LinkGroupTags(ctx context.Context, corpID int64, ls []app.GroupTagged) error {
	now := time.Now().UTC()
	rows := make([]groupTagLink, len(ls))
	for i, l := range ls {
		rows[i] = groupTagLink{CorpID: corpID, ChatID: l.ChatID, TagID: l.TagID, CreatedAt: now}
	}
	if len(rows) == 0 {
		return nil
	}
	err := st.db.with(ctx).Table("group_tag_links").Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(rows, 500).Error
	return domainError(err, "群标签")
}

// UnlinkGroupTags takes tagIDs off chatIDs.
func (st *GroupTagStore) UnlinkGroupTags(ctx context.Context, corpID int64, chatIDs []string, tagIDs []int64) error {
	if len(chatIDs) == 0 || len(tagIDs) == 0 {
		return nil
	}
	err := st.db.with(ctx).Exec("DELETE FROM group_tag_links WHERE corp_id = ? AND chat_id IN ? AND tag_id IN ?",
		corpID, chatIDs, tagIDs).Error
	return domainError(err, "群标签")
}

// ReplaceGroupTags makes tagIDs the tags of chatID, at once.
func (st *GroupTagStore) ReplaceGroupTags(ctx context.Context, corpID int64, chatID string, tagIDs []int64) error {
	return st.db.InTx(ctx, func(ctx context.Context) error {
		err := st.db.with(ctx).Exec("DELETE FROM group_tag_links WHERE corp_id = ? AND chat_id = ?", corpID, chatID).Error
		if err != nil {
			return domainError(err, "群标签")
		}
		ls := make([]app.GroupTagged, len(tagIDs))
		for i, id := range tagIDs {
			ls[i] = app.GroupTagged{ChatID: chatID, TagID: id}
		}
		return st.LinkGroupTags(ctx, corpID, ls)
	})
}

// GroupTagsOf returns the tags each of chatIDs carries, by name.
func (st *GroupTagStore) GroupTagsOf(ctx context.Context, corpID int64, chatIDs []string) (map[string][]app.GroupTag, error) {
	out := map[string][]app.GroupTag{}
	for start := 0; start < len(chatIDs); start += 500 {
		var rows []struct {
			ChatID string
			app.GroupTag
		}
		err := st.db.with(ctx).Table("group_tag_links AS l").Joins("JOIN group_tags t ON t.corp_id = l.corp_id AND t.id = l.tag_id").
			Where("l.corp_id = ? AND l.chat_id IN ?", corpID, chatIDs[start:min(start+500, len(chatIDs))]).
			Select("l.chat_id, t.*").Order("t.name, t.id").Find(&rows).Error
		if err != nil {
			return nil, domainError(err, "群标签")
		}
		for _, r := range rows {
			out[r.ChatID] = append(out[r.ChatID], r.GroupTag)
		}
	}
	return out, nil
}

// KnownGroups returns which of chatIDs are groups of the corp's mirror.
func (st *GroupTagStore) KnownGroups(ctx context.Context, corpID int64, chatIDs []string) (map[string]bool, error) {
	known := map[string]bool{}
	for start := 0; start < len(chatIDs); start += 500 {
		var got []string
		err := st.db.with(ctx).Table("customer_groups").Where("corp_id = ? AND chat_id IN ?", corpID,
			chatIDs[start:min(start+500, len(chatIDs))]).Pluck("chat_id", &got).Error
		if err != nil {
			return nil, domainError(err, "客户群")
		}
		for _, c := range got {
			known[c] = true
		}
	}
	return known, nil
}

// SOPsSelectingTag names the corp's group SOPs whose selection picks by
// tag id: deleting it would change which groups they reach.
func (st *GroupTagStore) SOPsSelectingTag(ctx context.Context, corpID, id int64) ([]string, error) {
	var ss []app.GroupSOP
	if err := st.db.with(ctx).Table("group_sops").Where("corp_id = ?", corpID).Order("id").Find(&ss).Error; err != nil {
		return nil, domainError(err, "社群SOP")
	}
	var names []string
	for _, s := range ss {
		for _, t := range s.Selection.TagIDs {
			if t == id {
				names = append(names, s.Name)
				break
			}
		}
	}
	return names, nil
}
