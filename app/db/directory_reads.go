package db

import (
	"context"
)

// The directory's mirror as other capabilities read it: who follows whom,
// who owns which group, and the names people and customers go by.

// FollowedBy lists the customers the member follows now (relations not
// deleted), the ones WeCom can move away from them.
func (s *DirectoryStore) FollowedBy(ctx context.Context, corpID int64, userID string) ([]string, error) {
	var out []string
	err := s.db.with(ctx).Table("follows").Where("corp_id = ? AND userid = ? AND deleted_at IS NULL", corpID, userID).
		Order("external_userid").Pluck("external_userid", &out).Error
	return out, domainError(err, "跟进关系")
}

// GroupsOwnedBy lists the live groups the member owns.
func (s *DirectoryStore) GroupsOwnedBy(ctx context.Context, corpID int64, userID string) ([]string, error) {
	var out []string
	err := s.db.with(ctx).Table("customer_groups").Where("corp_id = ? AND owner = ? AND dismissed_at IS NULL", corpID, userID).
		Order("chat_id").Pluck("chat_id", &out).Error
	return out, domainError(err, "客户群")
}

// GroupOwner returns the owner Siyu's mirror holds for a group, empty
// when the group is unknown.
func (s *DirectoryStore) GroupOwner(ctx context.Context, corpID int64, chatID string) (string, error) {
	var owner string
	err := s.db.with(ctx).Table("customer_groups").Select("owner").Where("corp_id = ? AND chat_id = ?", corpID, chatID).Scan(&owner).Error
	return owner, domainError(err, "客户群")
}

// CustomerName returns the customer's name as WeCom gave it, "" when Siyu
// has not read them yet.
func (s *DirectoryStore) CustomerName(ctx context.Context, corpID int64, externalUserID string) (string, error) {
	var names []string
	err := s.db.with(ctx).Table("customers").Where("corp_id = ? AND external_userid = ?", corpID, externalUserID).
		Limit(1).Pluck("name", &names).Error
	if err != nil || len(names) == 0 {
		return "", domainError(err, "客户")
	}
	return names[0], nil
}

// StaffNames returns the names WeCom gave members of userIDs, by userid;
// members without a known name are absent.
func (s *DirectoryStore) StaffNames(ctx context.Context, corpID int64, userIDs []string) (map[string]string, error) {
	out := map[string]string{}
	if len(userIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		UserID string `gorm:"column:userid"`
		Name   string
	}
	err := s.db.with(ctx).Table("staff").Select("userid, name").
		Where("corp_id = ? AND userid IN ? AND name <> ''", corpID, userIDs).Find(&rows).Error
	for _, r := range rows {
		out[r.UserID] = r.Name
	}
	return out, domainError(err, "成员")
}

// FollowersOf lists the members who follow the customer now.
func (s *DirectoryStore) FollowersOf(ctx context.Context, corpID int64, externalUserID string) ([]string, error) {
	var out []string
	err := s.db.with(ctx).Table("follows").Where("corp_id = ? AND external_userid = ? AND deleted_at IS NULL", corpID, externalUserID).
		Order("userid").Pluck("userid", &out).Error
	return out, domainError(err, "跟进关系")
}
