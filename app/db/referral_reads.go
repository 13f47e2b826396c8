package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
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

// MirrorContacts are the customer's relations (Kind add, at their add
// time, deleted or not) and joins of chatIDs (Kind join), as the mirror
// holds them: what happened before any campaign watched the callbacks.
func (s *DirectoryStore) MirrorContacts(ctx context.Context, corpID int64, externalUserID string, chatIDs []string) ([]app.ReferralObservation, error) {
	var adds []struct {
		UserID  string `gorm:"column:userid"`
		AddTime time.Time
	}
	err := s.db.with(ctx).Table("follows").Select("userid, add_time").
		Where("corp_id = ? AND external_userid = ? AND add_time IS NOT NULL", corpID, externalUserID).Scan(&adds).Error
	if err != nil {
		return nil, err
	}
	out := make([]app.ReferralObservation, 0, len(adds))
	for _, a := range adds {
		out = append(out, app.ReferralObservation{CorpID: corpID, ExternalUserID: externalUserID, Kind: app.ObserveAdd, UserID: a.UserID, At: a.AddTime.UTC()})
	}
	if len(chatIDs) == 0 {
		return out, nil
	}
	var joins []struct {
		ChatID   string
		JoinTime time.Time
	}
	err = s.db.with(ctx).Table("group_members").Select("chat_id, join_time").
		Where("corp_id = ? AND member_id = ? AND chat_id IN ? AND join_time IS NOT NULL", corpID, externalUserID, chatIDs).Scan(&joins).Error
	for _, j := range joins {
		out = append(out, app.ReferralObservation{CorpID: corpID, ExternalUserID: externalUserID, Kind: app.ObserveJoin, ChatID: j.ChatID, At: j.JoinTime.UTC()})
	}
	return out, err
}
