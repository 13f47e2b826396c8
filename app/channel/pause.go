package channel

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// PauseChannel stops a channel bringing customers to its guides: its
// contact way routes to the backup guide alone (the printed QR keeps
// working; WeCom cannot switch it off), and shift and cap routing leaves
// it until ResumeChannel. A channel without an active backup guide cannot
// be paused: its customers would have nobody to add.
func (s *Service) PauseChannel(ctx context.Context, corpID, id int64) (*app.Channel, error) {
	before, err := s.editable(ctx, corpID, id)
	if err != nil {
		return nil, err
	}
	if before.Status == app.ChannelPaused {
		return nil, app.Errorf(app.ECONFLICT, "渠道活码已暂停")
	}
	if before.Kind == app.ChannelGuide {
		return nil, app.Errorf(app.EINVALID, "个人活码只有一位导购，无法暂停（企业微信的活码无法停用）；不再使用请删除")
	}
	if err := s.backupActive(ctx, before); err != nil {
		return nil, err
	}
	return s.setStatus(ctx, before, app.ChannelPaused, []string{before.BackupUserID}, "channel.pause")
}

// ResumeChannel routes a paused channel's contact way to its guides again,
// as shifts and caps have them now.
func (s *Service) ResumeChannel(ctx context.Context, corpID, id int64) (*app.Channel, error) {
	before, err := s.editable(ctx, corpID, id)
	if err != nil {
		return nil, err
	}
	if before.Status != app.ChannelPaused {
		return nil, app.Errorf(app.ECONFLICT, "渠道活码没有暂停")
	}
	after := *before
	after.Status = app.ChannelActive
	users, err := s.routeNow(ctx, &after)
	if err != nil {
		return nil, err
	}
	return s.setStatus(ctx, before, app.ChannelActive, users, "channel.resume")
}

// backupActive refuses a pause (or a paused channel's edit) without an
// active backup guide.
func (s *Service) backupActive(ctx context.Context, c *app.Channel) error {
	const msg = "企业微信的活码无法停用：暂停期间扫码的客户只会添加备用导购，请先设置一位在职的备用导购"
	if c.BackupUserID == "" {
		return app.FieldInvalid("backup_userid", msg)
	}
	active, err := s.Org.ActiveGuides(ctx, c.CorpID, []string{c.BackupUserID})
	if err == nil && len(active) == 0 {
		err = app.FieldInvalid("backup_userid", msg)
	}
	return err
}

// setStatus moves the channel from before's status to status, routed to
// users, with an audit record; WeCom is told last, inside the
// transaction, so a refusal changes nothing.
func (s *Service) setStatus(ctx context.Context, before *app.Channel, status string, users []string, action string) (*app.Channel, error) {
	cli, err := s.Clients.Client(ctx, before.CorpID)
	if err != nil {
		return nil, err
	}
	after := *before
	after.Status = status
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.SetChannelStatus(ctx, before.CorpID, before.ID, before.Status, status); err != nil {
			return err
		}
		if err := s.Store.SetRoutedTo(ctx, before.CorpID, before.ID, joinIDs(users)); err != nil {
			return err
		}
		if err := s.record(ctx, before.CorpID, action, before.ID, before, &after); err != nil {
			return err
		}
		return cli.UpdateContactWay(ctx, updateRequest(&after, users))
	})
	return &after, err
}
