package db

import (
	"context"
)

// CountTaggedCustomers counts, for each corp tag, the customers carrying
// it from any member, as the customer list's tag filter selects them: one
// grouped read of follow_tags' (corp_id, tag_id) index. With scopeStoreID
// it counts only that store's customers (owned by the store, or followed
// by one of its guides), as a store manager's list holds them.
func (s *DirectoryStore) CountTaggedCustomers(ctx context.Context, corpID, scopeStoreID int64) (map[string]int64, error) {
	q := s.db.with(ctx).Table("follow_tags t").Select("t.tag_id, COUNT(DISTINCT t.external_userid) AS n").
		Where("t.corp_id = ?", corpID)
	if scopeStoreID != 0 {
		q = q.Where(`(EXISTS (SELECT 1 FROM customer_owners o WHERE o.corp_id = t.corp_id AND o.external_userid = t.external_userid AND o.store_id = ?)
 OR EXISTS (SELECT 1 FROM follows sf JOIN guides sg ON sg.corp_id = sf.corp_id AND sg.userid = sf.userid
 WHERE sf.corp_id = t.corp_id AND sf.external_userid = t.external_userid AND sf.deleted_at IS NULL AND sg.store_id = ?))`, scopeStoreID, scopeStoreID)
	}
	var rows []struct {
		TagID string
		N     int64
	}
	if err := q.Group("t.tag_id").Scan(&rows).Error; err != nil {
		return nil, domainError(err, "客户标签")
	}
	out := make(map[string]int64, len(rows))
	for _, r := range rows {
		out[r.TagID] = r.N
	}
	return out, nil
}
