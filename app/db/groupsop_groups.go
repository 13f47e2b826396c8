package db

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// MatchGroups lists the corp's live groups that sel picks, by chat id.
func (st *GroupSOPStore) MatchGroups(ctx context.Context, corpID int64, sel app.GroupSelection) ([]app.SOPGroup, error) {
	var gs []app.SOPGroup
	err := st.matching(ctx, corpID, sel).Select("g.chat_id, g.name, g.owner, g.create_time").Order("g.chat_id").Find(&gs).Error
	return gs, domainError(err, "客户群")
}

// CountGroups counts what MatchGroups would list: the editor's live count.
func (st *GroupSOPStore) CountGroups(ctx context.Context, corpID int64, sel app.GroupSelection) (int64, error) {
	var n int64
	err := st.matching(ctx, corpID, sel).Count(&n).Error
	return n, domainError(err, "客户群")
}

func (st *GroupSOPStore) matching(ctx context.Context, corpID int64, sel app.GroupSelection) *gorm.DB {
	q := st.db.with(ctx).Table("customer_groups AS g").Where("g.corp_id = ? AND g.dismissed_at IS NULL", corpID)
	if len(sel.Owners) > 0 {
		q = q.Where("g.owner IN ?", sel.Owners)
	}
	if len(sel.StoreIDs) > 0 {
		q = q.Where("EXISTS (SELECT 1 FROM guides s WHERE s.corp_id = g.corp_id AND s.userid = g.owner AND s.store_id IN ?)", sel.StoreIDs)
	}
	if len(sel.TagIDs) > 0 {
		q = q.Where(groupTagged, sel.TagIDs)
	}
	if sel.NameContains != "" {
		q = q.Where("g.name LIKE ? ESCAPE '!'", "%"+likeEscape(sel.NameContains)+"%")
	}
	return q
}

// Joins lists the customers who joined chatIDs' groups at or after since
// and are still in them, for after_join steps.
func (st *GroupSOPStore) Joins(ctx context.Context, corpID int64, chatIDs []string, since time.Time) ([]app.SOPJoin, error) {
	var js []app.SOPJoin
	for start := 0; start < len(chatIDs); start += 500 {
		part := chatIDs[start:min(start+500, len(chatIDs))]
		var got []app.SOPJoin
		err := st.db.with(ctx).Table("group_members").Select("chat_id, member_id, join_time").
			Where("corp_id = ? AND chat_id IN ? AND type = 2 AND left_at IS NULL AND join_time >= ?", corpID, part, since.UTC()).
			Order("chat_id, member_id").Find(&got).Error
		if err != nil {
			return nil, domainError(err, "群成员")
		}
		js = append(js, got...)
	}
	return js, nil
}

// groupTagged keeps the groups g carrying any of the tags bound to it: a
// read of app/grouptag's links.
const groupTagged = "EXISTS (SELECT 1 FROM group_tag_links l WHERE l.corp_id = g.corp_id AND l.chat_id = g.chat_id AND l.tag_id IN ?)"
