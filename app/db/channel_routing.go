package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// RoutedChannels returns the corp's active channels with a contact way
// routing to several guides (every kind but a guide's own), with members.
// With id > 0, only that channel, paused too (its caller skips a paused
// one when routing, and still shows whom it routes to).
func (s *ChannelStore) RoutedChannels(ctx context.Context, corpID, id int64) ([]app.RoutedChannel, error) {
	q := s.channels(ctx, corpID).Where("kind <> ? AND config_id <> ''", app.ChannelGuide)
	if id > 0 {
		q = q.Where("id = ? AND status IN ?", id, []string{app.ChannelActive, app.ChannelPaused})
	} else {
		q = q.Where("status = ?", app.ChannelActive)
	}
	var rows []struct {
		app.Channel
		RoutedTo *string
	}
	if err := q.Order("id").Find(&rows).Error; err != nil {
		return nil, domainError(err, "渠道活码")
	}
	out := make([]app.RoutedChannel, len(rows))
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
