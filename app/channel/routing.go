package channel

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// SyncChannelMembers brings the contact way of each active multi-guide
// channel of corpID in step with who is available at at: on shift and
// under today's cap (see Route). A channel whose list did not change costs
// no WeCom call. One channel failing does not stop the others; their
// errors are joined.
func (s *Service) SyncChannelMembers(ctx context.Context, corpID int64, at time.Time) error {
	return s.sync(ctx, corpID, 0, at)
}

// SyncChannel is SyncChannelMembers for one channel: the assignment engine
// calls it right after a guide reaches the channel's daily cap, so WeCom
// stops sending that guide customers at once rather than within a minute.
// A guide's own channel, or one not active, is left as it is.
func (s *Service) SyncChannel(ctx context.Context, corpID, channelID int64, at time.Time) error {
	return s.sync(ctx, corpID, channelID, at)
}

func (s *Service) sync(ctx context.Context, corpID, channelID int64, at time.Time) error {
	chans, err := s.Store.RoutedChannels(ctx, corpID, channelID)
	if err != nil || len(chans) == 0 {
		return err
	}
	zone, err := s.zoneOf(ctx, corpID)
	if err != nil {
		return err
	}
	cli, err := s.Clients.Client(ctx, corpID)
	if err != nil {
		return err
	}
	var errs []error
	for _, rc := range chans {
		if rc.Status == app.ChannelPaused { // routes to its backup until resumed
			continue
		}
		if err := s.syncOne(ctx, cli, rc, at.In(zone)); err != nil {
			errs = append(errs, fmt.Errorf("channel %d: %w", rc.ID, err))
		}
	}
	return errors.Join(errs...)
}

// syncOne sends one channel's available guides to WeCom when they differ
// from what it was last sent.
func (s *Service) syncOne(ctx context.Context, cli ContactWays, rc app.RoutedChannel, local time.Time) error {
	users, err := s.available(ctx, &rc.Channel, local)
	if err != nil {
		return err
	}
	if len(users) == 0 {
		s.opts.Log.Warn("channel has no active guide left; its contact way keeps its members", "corp", rc.CorpID, "channel", rc.ID)
		return nil
	}
	if joinIDs(users) == rc.RoutedTo {
		return nil
	}
	if err := cli.UpdateContactWay(ctx, updateRequest(&rc.Channel, users)); err != nil {
		return err
	}
	return s.Store.SetRoutedTo(ctx, rc.CorpID, rc.ID, joinIDs(users))
}

// available is Route for c with its guides' status and today's adds read
// from the database.
func (s *Service) available(ctx context.Context, c *app.Channel, local time.Time) ([]string, error) {
	guides, err := s.Org.ActiveGuides(ctx, c.CorpID, append(memberIDs(c), c.BackupUserID))
	if err != nil {
		return nil, err
	}
	active := make(map[string]bool, len(guides))
	for id := range guides {
		active[id] = true
	}
	adds, err := s.Caps.DailyAdds(ctx, c.CorpID, c.ID, app.CapDay(local, local.Location()))
	if err != nil {
		return nil, err
	}
	return Route(c, local, active, adds), nil
}

// routeNow is the member list c's contact way gets when it is created or
// edited: its backup guide while paused, its only guide, or Route at this
// moment.
func (s *Service) routeNow(ctx context.Context, c *app.Channel) ([]string, error) {
	if c.Status == app.ChannelPaused {
		return []string{c.BackupUserID}, s.backupActive(ctx, c)
	}
	if c.Kind == app.ChannelGuide {
		return memberIDs(c), nil
	}
	zone, err := s.zoneOf(ctx, c.CorpID)
	if err != nil {
		return nil, err
	}
	users, err := s.available(ctx, c, s.now().In(zone))
	if err == nil && len(users) == 0 {
		err = app.FieldInvalid("members", "没有在职导购可接待该活码的客户")
	}
	return users, err
}

// zoneOf is the corp's time zone as every reader of it sees it
// (app.ZoneNamed).
func (s *Service) zoneOf(ctx context.Context, corpID int64) (*time.Location, error) {
	name, err := s.Zones.CorpZone(ctx, corpID)
	return app.ZoneNamed(name), err
}

// RoutedTo is who WeCom currently routes a channel's contact way to: the
// guides last sent to it (empty before the first send, and for a guide's
// own code, which always names its one guide).
func (s *Service) RoutedTo(ctx context.Context, corpID, id int64) ([]string, error) {
	chans, err := s.Store.RoutedChannels(ctx, corpID, id)
	if err != nil || len(chans) == 0 || chans[0].RoutedTo == "" {
		return nil, err
	}
	return strings.Split(chans[0].RoutedTo, ","), nil
}
