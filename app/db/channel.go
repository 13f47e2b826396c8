package db

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// ChannelStore keeps channels (渠道活码) and their members. Rules live in
// app/channel; every query is scoped by corp_id.
type ChannelStore struct{ db *DB }

// NewChannelStore returns a ChannelStore on db (or on a transaction).
func NewChannelStore(db *DB) *ChannelStore { return &ChannelStore{db: db} }

// Default page size of channel lists.
const defaultChannelPage = 50

func (s *ChannelStore) channels(ctx context.Context, corpID int64) *gorm.DB {
	return s.db.with(ctx).Table("channels").Where("corp_id = ?", corpID)
}

// CreateChannel inserts c and its members, together; a taken state
// conflicts.
func (s *ChannelStore) CreateChannel(ctx context.Context, c *app.Channel) error {
	return s.db.InTx(ctx, func(ctx context.Context) error {
		if err := s.db.with(ctx).Table("channels").Create(c).Error; err != nil {
			return domainError(err, "渠道活码")
		}
		return s.writeMembers(ctx, c)
	})
}

// writeMembers replaces c's members with c.Members, in their order.
func (s *ChannelStore) writeMembers(ctx context.Context, c *app.Channel) error {
	err := s.db.with(ctx).Table("channel_members").Where("corp_id = ? AND channel_id = ?", c.CorpID, c.ID).Delete(map[string]any{}).Error
	if err != nil || len(c.Members) == 0 {
		return domainError(err, "渠道成员")
	}
	for i := range c.Members {
		m := &c.Members[i]
		m.ChannelID, m.CorpID, m.Position = c.ID, c.CorpID, i
	}
	return domainError(s.db.with(ctx).Table("channel_members").Create(&c.Members).Error, "渠道成员")
}

// FindChannel returns channel id of corpID with its members.
func (s *ChannelStore) FindChannel(ctx context.Context, corpID, id int64) (*app.Channel, error) {
	var c app.Channel
	if err := s.channels(ctx, corpID).Where("id = ?", id).Take(&c).Error; err != nil {
		return nil, domainError(err, "渠道活码")
	}
	return &c, s.loadMembers(ctx, corpID, []*app.Channel{&c})
}

// ChannelNames returns the names of the corp's channels ids (deleted
// ones included), by id; an id not there is left out.
func (s *ChannelStore) ChannelNames(ctx context.Context, corpID int64, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	for start := 0; start < len(ids); start += 1000 {
		var rows []struct {
			ID   int64
			Name string
		}
		err := s.channels(ctx, corpID).Select("id, name").Where("id IN ?", ids[start:min(start+1000, len(ids))]).Find(&rows).Error
		if err != nil {
			return nil, domainError(err, "渠道活码")
		}
		for _, r := range rows {
			out[r.ID] = r.Name
		}
	}
	return out, nil
}

// FindChannelByState returns the corp's channel whose contact way carries
// state, deleted ones included: an add through a deleted code still names
// its channel.
func (s *ChannelStore) FindChannelByState(ctx context.Context, corpID int64, state string) (*app.Channel, error) {
	var c app.Channel
	if err := s.channels(ctx, corpID).Where("state = ?", state).Take(&c).Error; err != nil {
		return nil, domainError(err, "渠道活码")
	}
	return &c, s.loadMembers(ctx, corpID, []*app.Channel{&c})
}

// ListChannels returns a page of the corp's channels in id order, of one
// store, kind and status when set; all but deleted ones by default.
func (s *ChannelStore) ListChannels(ctx context.Context, corpID int64, f app.ChannelFilter) ([]app.Channel, int64, error) {
	q, p := s.channels(ctx, corpID), f.Page
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	} else {
		q = q.Where("status <> ?", app.ChannelDeleted)
	}
	if f.StoreID != 0 {
		q = q.Where("store_id = ?", f.StoreID)
	}
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	var cs []app.Channel
	if err := page(q, p, defaultChannelPage).Find(&cs).Error; err != nil {
		return nil, 0, domainError(err, "渠道活码")
	}
	cs, next := cut(cs, p, defaultChannelPage, func(c app.Channel) int64 { return c.ID })
	ptrs := make([]*app.Channel, len(cs))
	for i := range cs {
		ptrs[i] = &cs[i]
	}
	return cs, next, s.loadMembers(ctx, corpID, ptrs)
}

// loadMembers fills the members of cs, all of corpID, in position order.
func (s *ChannelStore) loadMembers(ctx context.Context, corpID int64, cs []*app.Channel) error {
	if len(cs) == 0 {
		return nil
	}
	byID := make(map[int64]*app.Channel, len(cs))
	ids := make([]int64, len(cs))
	for i, c := range cs {
		byID[c.ID], ids[i] = c, c.ID
		c.Members = []app.ChannelMember{}
	}
	var ms []app.ChannelMember
	err := s.db.with(ctx).Table("channel_members").Where("corp_id = ? AND channel_id IN ?", corpID, ids).
		Order("channel_id, position").Find(&ms).Error
	for _, m := range ms {
		byID[m.ChannelID].Members = append(byID[m.ChannelID].Members, m)
	}
	return domainError(err, "渠道成员")
}

// UpdateChannel writes what a user may change of c and replaces its
// members; state, kind and the contact way stay.
func (s *ChannelStore) UpdateChannel(ctx context.Context, c *app.Channel) error {
	welcome, err := jsonText(c.Welcome)
	if err != nil {
		return err
	}
	tags, err := jsonText(c.TagIDs)
	if err != nil {
		return err
	}
	res := s.channels(ctx, c.CorpID).Where("id = ? AND status <> ?", c.ID, app.ChannelDeleted).Updates(map[string]any{
		"name": c.Name, "store_id": c.StoreID, "skip_verify": c.SkipVerify, "welcome": welcome, "tag_ids": tags,
		"daily_cap": c.DailyCap, "pick": c.Pick, "backup_userid": c.BackupUserID, "city": c.City,
		"latitude": c.Latitude, "longitude": c.Longitude, "updated_at": time.Now().UTC(),
	})
	if res.Error != nil {
		return domainError(res.Error, "渠道活码")
	}
	if res.RowsAffected == 0 {
		return app.Errorf(app.ENOTFOUND, "渠道活码不存在")
	}
	return s.writeMembers(ctx, c)
}

// jsonText renders v as the JSON text a serializer:json column holds.
func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", app.Wrap(app.EINTERNAL, err, "")
	}
	return string(b), nil
}
