package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// A channel's life against WeCom: created as a row in ChannelCreating,
// then given the contact way WeCom made (ActivateChannel), later marked
// deleted. These writes are conditional on the status they expect, so two
// workers finishing the same row cannot both win.

// ActivateChannel records the contact way WeCom created for a channel
// still creating, and the member list it was created with. It reports
// false when the row is no longer creating (another worker finished it).
func (s *ChannelStore) ActivateChannel(ctx context.Context, corpID, id int64, configID, qrCode, routedTo string) (bool, error) {
	res := s.channels(ctx, corpID).Where("id = ? AND status = ?", id, app.ChannelCreating).Updates(map[string]any{
		"config_id": configID, "qr_code": qrCode, "routed_to": routedTo, "status": app.ChannelActive, "updated_at": time.Now().UTC(),
	})
	return res.RowsAffected == 1, domainError(res.Error, "渠道活码")
}

// DropCreating deletes a row whose contact way WeCom surely never made
// (it refused the call), so the code it reserved is free again.
func (s *ChannelStore) DropCreating(ctx context.Context, corpID, id int64) error {
	err := s.db.with(ctx).Table("channel_members").Where("corp_id = ? AND channel_id = ?", corpID, id).Delete(map[string]any{}).Error
	if err == nil {
		err = s.channels(ctx, corpID).Where("id = ? AND status = ?", id, app.ChannelCreating).Delete(map[string]any{}).Error
	}
	return domainError(err, "渠道活码")
}

// ClaimCreating returns the corp's rows still creating that nobody touched
// since staleBefore, each claimed by moving its updated_at to now: a
// concurrent claimer sees the new time and skips it, and a create still in
// flight (younger than staleBefore) is left to finish itself.
func (s *ChannelStore) ClaimCreating(ctx context.Context, corpID int64, staleBefore, now time.Time) ([]app.Channel, error) {
	var stale []app.Channel
	err := s.channels(ctx, corpID).Where("status = ? AND updated_at < ?", app.ChannelCreating, staleBefore).Order("id").Find(&stale).Error
	if err != nil {
		return nil, domainError(err, "渠道活码")
	}
	var claimed []*app.Channel
	for i := range stale {
		c := &stale[i]
		res := s.channels(ctx, corpID).Where("id = ? AND status = ? AND updated_at = ?", c.ID, app.ChannelCreating, c.UpdatedAt).
			Update("updated_at", now)
		if res.Error != nil {
			return nil, domainError(res.Error, "渠道活码")
		}
		if res.RowsAffected == 1 {
			c.UpdatedAt = now
			claimed = append(claimed, c)
		}
	}
	if err := s.loadMembers(ctx, corpID, claimed); err != nil {
		return nil, err
	}
	out := make([]app.Channel, len(claimed))
	for i, c := range claimed {
		out[i] = *c
	}
	return out, nil
}

// MarkChannelDeleted marks a channel deleted; its row and members stay.
func (s *ChannelStore) MarkChannelDeleted(ctx context.Context, corpID, id int64) error {
	res := s.channels(ctx, corpID).Where("id = ? AND status <> ?", id, app.ChannelDeleted).
		Updates(map[string]any{"status": app.ChannelDeleted, "updated_at": time.Now().UTC()})
	if res.Error == nil && res.RowsAffected == 0 {
		return app.Errorf(app.ENOTFOUND, "渠道活码不存在")
	}
	return domainError(res.Error, "渠道活码")
}

// SetChannelStatus moves channel id from status from to status to; a
// channel no longer in from conflicts, so two operators pausing and
// resuming at once cannot both win.
func (s *ChannelStore) SetChannelStatus(ctx context.Context, corpID, id int64, from, to string) error {
	res := s.channels(ctx, corpID).Where("id = ? AND status = ?", id, from).
		Updates(map[string]any{"status": to, "updated_at": time.Now().UTC()})
	if res.Error == nil && res.RowsAffected == 0 {
		return app.Errorf(app.ECONFLICT, "渠道活码的状态已被他人修改，请刷新后重试")
	}
	return domainError(res.Error, "渠道活码")
}

// CorpsWithChannels lists the corps that have channels alive or being
// created: the ones the periodic routing and recovery visit.
func (s *ChannelStore) CorpsWithChannels(ctx context.Context) ([]int64, error) {
	var ids []int64
	err := s.db.with(ctx).Table("channels").Where("status IN ?", []string{app.ChannelActive, app.ChannelCreating}).
		Distinct().Order("corp_id").Pluck("corp_id", &ids).Error
	return ids, domainError(err, "渠道活码")
}
