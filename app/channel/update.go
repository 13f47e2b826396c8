package channel

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// UpdateChannel validates and writes c over the channel c.ID, and
// overwrites its contact way to match. Code, kind and contact way stay
// what they were. WeCom is called inside the transaction, last: when it
// refuses, nothing is written.
func (s *Service) UpdateChannel(ctx context.Context, c *app.Channel) error {
	before, err := s.editable(ctx, c.CorpID, c.ID)
	if err != nil {
		return err
	}
	if c.Kind != "" && c.Kind != before.Kind {
		return app.FieldInvalid("kind", "渠道类型创建后不能修改")
	}
	c.Kind, c.State, c.ConfigID, c.QRCode, c.Status = before.Kind, before.State, before.ConfigID, before.QRCode, before.Status
	c.CreatedAt = before.CreatedAt
	if err := s.check(ctx, c); err != nil {
		return err
	}
	users, err := s.routeNow(ctx, c)
	if err != nil {
		return err
	}
	cli, err := s.Clients.Client(ctx, c.CorpID)
	if err != nil {
		return err
	}
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.UpdateChannel(ctx, c); err != nil {
			return err
		}
		if err := s.Store.SetRoutedTo(ctx, c.CorpID, c.ID, joinIDs(users)); err != nil {
			return err
		}
		if err := s.record(ctx, c.CorpID, "channel.update", c.ID, before, c); err != nil {
			return err
		}
		return cli.UpdateContactWay(ctx, updateRequest(c, users))
	})
}

// DeleteChannel deletes the channel's contact way in WeCom, then marks the
// channel deleted; its row stays, since customers added through its code
// keep naming it. A contact way WeCom no longer knows (a delete whose
// record was lost) counts as deleted.
func (s *Service) DeleteChannel(ctx context.Context, corpID, id int64) error {
	before, err := s.editable(ctx, corpID, id)
	if err != nil {
		return err
	}
	cli, err := s.Clients.Client(ctx, corpID)
	if err != nil {
		return err
	}
	if err := cli.DeleteContactWay(ctx, before.ConfigID); err != nil && !gone(err) {
		return err
	}
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.MarkChannelDeleted(ctx, corpID, id); err != nil {
			return err
		}
		after := *before
		after.Status = app.ChannelDeleted
		return s.record(ctx, corpID, "channel.delete", id, before, &after)
	})
}

// editable returns the channel id if it can be changed: it exists, is not
// deleted, and its contact way is not still being created.
func (s *Service) editable(ctx context.Context, corpID, id int64) (*app.Channel, error) {
	c, err := s.Store.FindChannel(ctx, corpID, id)
	switch {
	case err != nil:
		return nil, err
	case c.Status == app.ChannelDeleted:
		return nil, app.Errorf(app.ENOTFOUND, "渠道活码已删除")
	case c.Status == app.ChannelCreating:
		return nil, app.Errorf(app.ECONFLICT, "渠道活码仍在创建中，请稍后再试")
	}
	return c, nil
}
