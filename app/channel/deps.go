package channel

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Store keeps channels and their members (app/db's ChannelStore); channel
// is their only writer.
type Store interface {
	CreateChannel(ctx context.Context, c *app.Channel) error
	FindChannel(ctx context.Context, corpID, id int64) (*app.Channel, error)
	FindChannelByState(ctx context.Context, corpID int64, state string) (*app.Channel, error)
	ListChannels(ctx context.Context, corpID int64, f app.ChannelFilter) ([]app.Channel, int64, error)
	UpdateChannel(ctx context.Context, c *app.Channel) error
	MarkChannelDeleted(ctx context.Context, corpID, id int64) error
	// SetChannelStatus moves a channel from one status to another; a
	// channel no longer in from (someone else moved it) conflicts.
	SetChannelStatus(ctx context.Context, corpID, id int64, from, to string) error
	Creation
	Routing
}

// Creation tracks contact ways whose creation may have been cut short.
type Creation interface {
	ActivateChannel(ctx context.Context, corpID, id int64, configID, qrCode, routedTo string) (bool, error)
	DropCreating(ctx context.Context, corpID, id int64) error
	ClaimCreating(ctx context.Context, corpID int64, staleBefore, now time.Time) ([]app.Channel, error)
}

// Routing is what multi-guide codes were last routed to.
type Routing interface {
	CorpsWithChannels(ctx context.Context) ([]int64, error)
	RoutedChannels(ctx context.Context, corpID, id int64) ([]app.RoutedChannel, error)
	SetRoutedTo(ctx context.Context, corpID, id int64, routedTo string) error
}

// Org reads the organisation app/org keeps: a channel's store, and which
// members are active guides of which store.
type Org interface {
	FindStore(ctx context.Context, corpID, id int64) (*app.Store, error)
	ActiveGuides(ctx context.Context, corpID int64, userIDs []string) (map[string]int64, error)
}

// Tags reads the corp's tag library (app/directory's mirror).
type Tags interface {
	LiveTags(ctx context.Context, corpID int64, tagIDs []string) (map[string]bool, error)
}

// Zones tells a corp's time zone name.
type Zones interface {
	CorpZone(ctx context.Context, corpID int64) (string, error)
}

// Caps reads how many customers each guide took through a channel on a
// day (YYYY-MM-DD, corp zone): the counters app/assign keeps.
type Caps interface {
	DailyAdds(ctx context.Context, corpID, channelID int64, day string) (map[string]int, error)
}

// Auditor records changes in the audit trail (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}
