package db

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// ReplaceContactStaff records which members have customer contact enabled:
// the listed ones are upserted as enabled, every other member of the corp
// is marked disabled.
func (s *DirectoryStore) ReplaceContactStaff(ctx context.Context, corpID int64, userIDs []string, at time.Time) error {
	staff := make([]app.Staff, 0, len(userIDs))
	for _, id := range uniq(userIDs) {
		staff = append(staff, app.Staff{CorpID: corpID, UserID: id, ContactEnabled: true, SyncedAt: &at})
	}
	if len(staff) > 0 {
		if err := s.db.with(ctx).Table("staff").Clauses(upsert([]string{"corp_id", "userid"},
			[]string{"contact_enabled", "synced_at", "updated_at"})).Omit("id").CreateInBatches(staff, 500).Error; err != nil {
			return domainError(err, "成员")
		}
	}
	q := s.db.with(ctx).Table("staff").Where("corp_id = ? AND contact_enabled = ?", corpID, true)
	if len(userIDs) > 0 {
		q = q.Where("userid NOT IN ?", userIDs)
	}
	return domainError(q.Updates(map[string]any{"contact_enabled": false, "updated_at": time.Now().UTC()}).Error, "成员")
}

// ContactStaffIDs lists the members with customer contact enabled, in
// userid order: the sync walks them in chunks.
func (s *DirectoryStore) ContactStaffIDs(ctx context.Context, corpID int64) ([]string, error) {
	var ids []string
	err := s.db.with(ctx).Table("staff").Where("corp_id = ? AND contact_enabled = ?", corpID, true).Order("userid").Pluck("userid", &ids).Error
	return ids, domainError(err, "成员")
}

// ContactMembers tells which of userIDs are members with customer contact
// enabled, as the last sync saw them; synced is false when no sync has
// seen any member yet (so nothing can be told).
func (s *DirectoryStore) ContactMembers(ctx context.Context, corpID int64, userIDs []string) (found map[string]bool, synced bool, err error) {
	var n int64
	if err := s.db.with(ctx).Table("staff").Where("corp_id = ?", corpID).Limit(1).Count(&n).Error; err != nil || n == 0 {
		return nil, false, domainError(err, "成员")
	}
	var ids []string
	err = s.db.with(ctx).Table("staff").Where("corp_id = ? AND contact_enabled = ? AND userid IN ?", corpID, true, userIDs).
		Pluck("userid", &ids).Error
	found = make(map[string]bool, len(ids))
	for _, id := range ids {
		found[id] = true
	}
	return found, true, domainError(err, "成员")
}

// SetStaffNames records the names WeCom shows for contact members (userid
// → name) in one upsert; members not named keep the name they had.
func (s *DirectoryStore) SetStaffNames(ctx context.Context, corpID int64, names map[string]string) error {
	staff := make([]app.Staff, 0, len(names))
	for _, id := range slices.Sorted(maps.Keys(names)) {
		staff = append(staff, app.Staff{CorpID: corpID, UserID: id, Name: names[id], ContactEnabled: true})
	}
	if len(staff) == 0 {
		return nil
	}
	return domainError(s.db.with(ctx).Table("staff").Clauses(upsert([]string{"corp_id", "userid"},
		[]string{"name", "updated_at"})).Omit("id").CreateInBatches(staff, 500).Error, "成员")
}
