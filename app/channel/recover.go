package channel

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// recoverWindow widens the span of creation times searched for a lost
// contact way, for clock skew between Siyu and WeCom.
const recoverWindow = 10 * time.Minute

// RecoverChannels finishes the corp's channels left creating for longer
// than Options.RecoverAfter at now: a create whose WeCom answer was lost,
// or whose process died before recording it. For each, the contact ways
// WeCom made around the row's creation are searched for its code: one
// found is adopted (and any second one deleted), none found is created.
// It returns how many channels it finished.
func (s *Service) RecoverChannels(ctx context.Context, corpID int64, now time.Time) (int, error) {
	stuck, err := s.Store.ClaimCreating(ctx, corpID, now.Add(-s.opts.RecoverAfter).UTC(), now.UTC())
	if err != nil || len(stuck) == 0 {
		return 0, err
	}
	cli, err := s.Clients.Client(ctx, corpID)
	if err != nil {
		return 0, err
	}
	cli = readOnce(cli)
	var errs []error
	done := 0
	for i := range stuck {
		if err := s.recoverOne(ctx, cli, &stuck[i], now); err != nil {
			errs = append(errs, fmt.Errorf("channel %d: %w", stuck[i].ID, err))
			continue
		}
		done++
	}
	return done, errors.Join(errs...)
}

func (s *Service) recoverOne(ctx context.Context, cli ContactWays, c *app.Channel, now time.Time) error {
	found, err := s.findByState(ctx, cli, c.State, c.CreatedAt.Add(-recoverWindow), now.Add(recoverWindow))
	if err != nil {
		return err
	}
	if len(found) == 0 {
		s.opts.Log.Info("finishing channel: WeCom has no contact way for it, creating one", "channel", c.ID)
		return s.finish(ctx, c)
	}
	for _, extra := range found[1:] { // two creates raced: keep one code
		if err := cli.DeleteContactWay(ctx, extra.ConfigID); err != nil && !gone(err) {
			return err
		}
	}
	users, err := s.routeNow(ctx, c)
	if err != nil {
		return err
	}
	c.ConfigID = found[0].ConfigID
	if err := cli.UpdateContactWay(ctx, updateRequest(c, users)); err != nil {
		return err
	}
	s.opts.Log.Info("finishing channel: adopted the contact way WeCom had made", "channel", c.ID, "config_id", c.ConfigID)
	return s.activate(ctx, cli, c, found[0].ConfigID, found[0].QrCode, users)
}

// findByState returns the contact ways created between from and to that
// carry state, oldest first.
func (s *Service) findByState(ctx context.Context, cli ContactWays, state string, from, to time.Time) ([]wayRef, error) {
	ids, err := cli.ListContactWays(ctx, from, to)
	if err != nil {
		return nil, err
	}
	var out []wayRef
	for _, id := range ids {
		cw, err := cli.ContactWay(ctx, id)
		switch {
		case gone(err): // deleted since it was listed
			continue
		case err != nil:
			return nil, err
		case cw.State == state:
			out = append(out, wayRef{ConfigID: cw.ConfigID, QrCode: cw.QrCode})
		}
	}
	return out, nil
}

// wayRef names one contact way found in WeCom.
type wayRef struct{ ConfigID, QrCode string }

// readOnce makes cli read each contact way at most once. Channels stuck
// together (WeCom was down) have overlapping windows, which list the same
// contact ways; without it each would be fetched again per channel.
func readOnce(cli ContactWays) ContactWays {
	return &wayCache{ContactWays: cli, read: map[string]wayRead{}}
}

type wayCache struct {
	ContactWays
	read map[string]wayRead
}

type wayRead struct {
	cw  *wecom.ContactWay
	err error
}

// ContactWay returns what WeCom answered for configID: the contact way,
// or that it is gone. Another error is not kept, so the next channel
// asks again.
func (c *wayCache) ContactWay(ctx context.Context, configID string) (*wecom.ContactWay, error) {
	if r, ok := c.read[configID]; ok {
		return r.cw, r.err
	}
	cw, err := c.ContactWays.ContactWay(ctx, configID)
	if err == nil || gone(err) {
		c.read[configID] = wayRead{cw, err}
	}
	return cw, err
}
