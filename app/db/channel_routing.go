package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// RoutedChannel is an active multi-guide channel with the member list last
// sent to its contact way.
type RoutedChannel struct {
	app.Channel
	RoutedTo string // comma-separated userids, "" before the first send
}

// RoutedChannels returns the corp's active channels with a contact way
// routing to several guides (every kind but a guide's own), with members.
// With id > 0, only that channel.
func (s *ChannelStore) RoutedChannels(ctx context.Context, corpID, id int64) ([]RoutedChannel, error) {
	q := s.channels(ctx, corpID).Where("status = ? AND kind <> ? AND config_id <> ''", app.ChannelActive, app.ChannelGuide)
	if id > 0 {
		q = q.Where("id = ?", id)
	}
	var rows []struct {
		app.Channel
		RoutedTo *string
	}
	if err := q.Order("id").Find(&rows).Error; err != nil {
		return nil, domainError(err, "渠道活码")
	}
	out := make([]RoutedChannel, len(rows))
	ptrs := make([]*app.Channel, len(rows))
	for i, r := range rows {
		out[i].Channel = r.Channel
		if r.RoutedTo != nil {
			out[i].RoutedTo = *r.RoutedTo
		}
		ptrs[i] = &out[i].Channel
	}
	return out, s.loadMembers(ctx, corpID, ptrs)
}

// SetRoutedTo records the member list sent to a channel's contact way.
func (s *ChannelStore) SetRoutedTo(ctx context.Context, corpID, id int64, routedTo string) error {
	err := s.channels(ctx, corpID).Where("id = ?", id).
		Updates(map[string]any{"routed_to": routedTo, "updated_at": time.Now().UTC()}).Error
	return domainError(err, "渠道活码")
}

// ActiveGuides returns the store of each of userIDs that is an active
// guide of the corp; the others are absent.
func (s *ChannelStore) ActiveGuides(ctx context.Context, corpID int64, userIDs []string) (map[string]int64, error) {
	out := map[string]int64{}
	if len(userIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		UserID  string `gorm:"column:userid"`
		StoreID int64
	}
	err := s.db.with(ctx).Table("guides").Select("userid, store_id").
		Where("corp_id = ? AND status = ? AND userid IN ?", corpID, app.GuideActive, userIDs).Find(&rows).Error
	for _, r := range rows {
		out[r.UserID] = r.StoreID
	}
	return out, domainError(err, "导购")
}

// LiveTags returns which of tagIDs are in the corp's tag library now.
func (s *ChannelStore) LiveTags(ctx context.Context, corpID int64, tagIDs []string) (map[string]bool, error) {
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

// CorpZone returns the corp's IANA time zone name, "" when it has none.
func (s *ChannelStore) CorpZone(ctx context.Context, corpID int64) (string, error) {
	var zones []string
	err := s.db.with(ctx).Table("corps").Where("id = ?", corpID).Limit(1).Pluck("timezone", &zones).Error
	if err != nil || len(zones) == 0 {
		return "", domainError(err, "企业")
	}
	return zones[0], nil
}
