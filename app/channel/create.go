package channel

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// stateAttempts bounds the retries on a taken code.
const stateAttempts = 5

// CreateChannel validates c, gives it a fresh code and creates its WeCom
// contact way. The row is written first, as creating, and committed before
// WeCom is called: if Siyu dies between WeCom's answer and recording it,
// the row is still there for RecoverChannels to find the contact way by
// its state and finish, so no contact way WeCom made is ever unknown to
// Siyu. When WeCom refuses, the row is dropped; when its answer is lost,
// the row stays creating and the error says the code will be finished.
func (s *Service) CreateChannel(ctx context.Context, c *app.Channel) error {
	c.ID, c.ConfigID, c.QRCode = 0, "", ""
	if err := s.check(ctx, c); err != nil {
		return err
	}
	if err := s.reserve(ctx, c); err != nil {
		return err
	}
	return s.finish(ctx, c)
}

// reserve inserts c as creating under a fresh code, drawing another on the
// rare clash with an existing one.
func (s *Service) reserve(ctx context.Context, c *app.Channel) error {
	c.Status = app.ChannelCreating
	var err error
	for range stateAttempts {
		c.State = stateCode()
		err = s.Store.CreateChannel(ctx, c)
		if app.ErrorCode(err) != app.ECONFLICT {
			return err
		}
		c.ID = 0
	}
	return err
}

// finish creates c's contact way and records it; c is a creating row.
func (s *Service) finish(ctx context.Context, c *app.Channel) error {
	users, err := s.routeNow(ctx, c)
	var cli ContactWays
	if err == nil {
		cli, err = s.Clients.Client(ctx, c.CorpID)
	}
	if err != nil {
		return s.abandon(ctx, c, err)
	}
	configID, qr, err := cli.AddContactWay(ctx, addRequest(c, users))
	switch {
	case err != nil && refused(err):
		return s.abandon(ctx, c, err)
	case err != nil:
		return app.Wrap(app.EUNAVAILABLE, err, "企业微信未确认活码是否创建成功，Siyu 会在后台核对并完成创建")
	}
	return s.activate(ctx, cli, c, configID, qr, users)
}

// abandon drops a creating row WeCom surely has no contact way for, and
// returns why.
func (s *Service) abandon(ctx context.Context, c *app.Channel, cause error) error {
	if err := s.Store.DropCreating(context.WithoutCancel(ctx), c.CorpID, c.ID); err != nil {
		s.opts.Log.Error("drop channel after refused create", "channel", c.ID, "err", err)
	}
	c.ID, c.State = 0, ""
	return cause
}

// activate records the contact way on c with its audit entry. Should the
// row have been finished meanwhile by recovery (a create that outlasted
// RecoverAfter), the contact way just made is a second one for the same
// code and is deleted again.
func (s *Service) activate(ctx context.Context, cli ContactWays, c *app.Channel, configID, qr string, users []string) error {
	var won bool
	err := s.Tx.InTx(ctx, func(ctx context.Context) (err error) {
		won, err = s.Store.ActivateChannel(ctx, c.CorpID, c.ID, configID, qr, joinIDs(users))
		if err != nil || !won {
			return err
		}
		after := *c
		after.ConfigID, after.QRCode, after.Status = configID, qr, app.ChannelActive
		return s.record(ctx, c.CorpID, "channel.create", c.ID, nil, &after)
	})
	if err != nil {
		return err
	}
	if !won {
		if err := cli.DeleteContactWay(ctx, configID); err != nil && !gone(err) {
			return err
		}
	}
	cur, err := s.Store.FindChannel(ctx, c.CorpID, c.ID)
	if err == nil {
		*c = *cur
	}
	return err
}
