package db

import (
	"context"
	"time"
)

// ExternalsOf are the external_userids unionid has in the corp, as a
// customer or as a member of a customer group: a group campaign's invitee
// may be no one's friend.
func (s *DirectoryStore) ExternalsOf(ctx context.Context, corpID int64, unionid string) ([]string, error) {
	if unionid == "" {
		return nil, nil
	}
	var out []string
	err := s.db.with(ctx).Raw(`SELECT external_userid FROM customers WHERE corp_id = ? AND unionid = ?
		UNION SELECT member_id FROM group_members WHERE corp_id = ? AND unionid = ? AND type = 2`,
		corpID, unionid, corpID, unionid).Scan(&out).Error
	return out, err
}

// UnionIDOf is the unionid WeCom gave the customer or group member (""
// when it gave none, or they are not in the mirror yet).
func (s *DirectoryStore) UnionIDOf(ctx context.Context, corpID int64, externalUserID string) (string, error) {
	var ids []string
	err := s.db.with(ctx).Raw(`SELECT unionid FROM customers WHERE corp_id = ? AND external_userid = ? AND unionid <> ''
		UNION SELECT unionid FROM group_members WHERE corp_id = ? AND member_id = ? AND unionid <> ''`,
		corpID, externalUserID, corpID, externalUserID).Scan(&ids).Error
	if err != nil || len(ids) == 0 {
		return "", err
	}
	return ids[0], nil
}

// PriorContact is the customer's earliest relation add, or join of one of
// chatIDs, the mirror holds that did not come with state (nil: none).
func (s *DirectoryStore) PriorContact(ctx context.Context, corpID int64, externalUserID, state string, chatIDs []string) (*time.Time, error) {
	var adds []time.Time
	err := s.db.with(ctx).Table("follows").Where("corp_id = ? AND external_userid = ? AND state <> ? AND add_time IS NOT NULL", corpID, externalUserID, state).
		Order("add_time").Limit(1).Pluck("add_time", &adds).Error
	if err != nil {
		return nil, err
	}
	if len(chatIDs) > 0 {
		var joins []time.Time
		err = s.db.with(ctx).Table("group_members").Where("corp_id = ? AND member_id = ? AND chat_id IN ? AND state <> ? AND join_time IS NOT NULL",
			corpID, externalUserID, chatIDs, state).Order("join_time").Limit(1).Pluck("join_time", &joins).Error
		adds = append(adds, joins...)
	}
	var first *time.Time
	for _, t := range adds {
		if first == nil || t.Before(*first) {
			first = &t
		}
	}
	return first, err
}
