package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// SyncGroup writes a group and its members as WeCom reports them now;
// members no longer reported are marked left at at. A dismissed group is
// final in WeCom, so a late report of it is ignored, as is a report read
// (g.SyncedAt) before the one the row already holds.
func (s *DirectoryStore) SyncGroup(ctx context.Context, g *app.Group, members []app.GroupMember, at time.Time) error {
	var existing app.Group
	err := s.db.with(ctx).Table("customer_groups").Where("corp_id = ? AND chat_id = ?", g.CorpID, g.ChatID).Take(&existing).Error
	if err == nil && (existing.DismissedAt != nil || olderRead(g.SyncedAt, existing.SyncedAt)) {
		return nil
	}
	if err := s.db.with(ctx).Table("customer_groups").Clauses(upsert([]string{"corp_id", "chat_id"},
		[]string{"name", "owner", "notice", "create_time", "member_version", "status", "synced_at", "updated_at"})).
		Omit("id").Create(g).Error; err != nil {
		return domainError(err, "客户群")
	}
	return s.syncMembers(ctx, g, members, at)
}

func (s *DirectoryStore) syncMembers(ctx context.Context, g *app.Group, members []app.GroupMember, at time.Time) error {
	ids := make([]string, 0, len(members))
	for i := range members {
		members[i].CorpID, members[i].ChatID, members[i].LeftAt = g.CorpID, g.ChatID, nil
		ids = append(ids, members[i].MemberID)
	}
	if len(members) > 0 {
		if err := s.db.with(ctx).Table("group_members").Clauses(upsert([]string{"corp_id", "chat_id", "member_id"},
			[]string{"type", "unionid", "name", "group_nickname", "join_time", "join_scene", "invitor", "state", "left_at", "updated_at"})).
			Omit("id").CreateInBatches(members, 200).Error; err != nil {
			return domainError(err, "群成员")
		}
	}
	q := s.db.with(ctx).Table("group_members").Where("corp_id = ? AND chat_id = ? AND left_at IS NULL", g.CorpID, g.ChatID)
	if len(ids) > 0 {
		q = q.Where("member_id NOT IN ?", ids)
	}
	return domainError(q.Updates(map[string]any{"left_at": at, "updated_at": time.Now().UTC()}).Error, "群成员")
}

// DismissGroup records that a group was dismissed at at; its members all
// leave then.
func (s *DirectoryStore) DismissGroup(ctx context.Context, corpID int64, chatID string, at time.Time) error {
	g := app.Group{CorpID: corpID, ChatID: chatID, DismissedAt: &at}
	if err := s.db.with(ctx).Table("customer_groups").Clauses(upsert([]string{"corp_id", "chat_id"},
		[]string{"dismissed_at", "updated_at"})).Omit("id").Create(&g).Error; err != nil {
		return domainError(err, "客户群")
	}
	return domainError(s.db.with(ctx).Table("group_members").Where("corp_id = ? AND chat_id = ? AND left_at IS NULL", corpID, chatID).
		Updates(map[string]any{"left_at": at, "updated_at": time.Now().UTC()}).Error, "群成员")
}

// ActiveGroupMembers lists the current members of a corp's live groups,
// ordered by group then member.
func (s *DirectoryStore) ActiveGroupMembers(ctx context.Context, corpID int64) ([]app.GroupMember, error) {
	var ms []app.GroupMember
	err := s.db.with(ctx).Table("group_members").
		Joins("JOIN customer_groups g ON g.corp_id = group_members.corp_id AND g.chat_id = group_members.chat_id").
		Where("group_members.corp_id = ? AND group_members.left_at IS NULL AND g.dismissed_at IS NULL", corpID).
		Order("group_members.chat_id, group_members.member_id").Select("group_members.*").Find(&ms).Error
	return ms, domainError(err, "群成员")
}

// Groups lists a corp's groups, dismissed ones included.
func (s *DirectoryStore) Groups(ctx context.Context, corpID int64) ([]app.Group, error) {
	var gs []app.Group
	err := s.db.with(ctx).Table("customer_groups").Where("corp_id = ?", corpID).Order("chat_id").Find(&gs).Error
	return gs, domainError(err, "客户群")
}

// SweepUnsyncedGroups dismisses the live groups of corpID not read from
// WeCom since before, and reports how many.
func (s *DirectoryStore) SweepUnsyncedGroups(ctx context.Context, corpID int64, before, at time.Time) (int, error) {
	var ids []string
	if err := s.db.with(ctx).Table("customer_groups").Where("corp_id = ? AND dismissed_at IS NULL AND (synced_at IS NULL OR synced_at < ?)", corpID, before).
		Pluck("chat_id", &ids).Error; err != nil {
		return 0, domainError(err, "客户群")
	}
	for _, id := range ids {
		if err := s.DismissGroup(ctx, corpID, id, at); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// olderRead reports whether a read at read is older than the one at held.
func olderRead(read, held *time.Time) bool {
	return read != nil && held != nil && held.After(*read)
}

// GroupMembersOf reads the members memberIDs of group chatID as the
// mirror holds them (join scene, state, invitor).
func (s *DirectoryStore) GroupMembersOf(ctx context.Context, corpID int64, chatID string, memberIDs []string) ([]app.GroupMember, error) {
	var out []app.GroupMember
	if len(memberIDs) == 0 {
		return out, nil
	}
	err := s.db.with(ctx).Table("group_members").Where("corp_id = ? AND chat_id = ? AND member_id IN ?", corpID, chatID, memberIDs).
		Order("member_id").Find(&out).Error
	return out, domainError(err, "群成员")
}
