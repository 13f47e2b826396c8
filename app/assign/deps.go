package assign

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// Store keeps owners, the assignment history, the corp's decision lock,
// the daily counts caps read and round-robin turns (app/db's
// AssignStore); assign is their only writer.
type Store interface {
	Owners
	LockCorp(ctx context.Context, corpID int64) error
	FindAssignment(ctx context.Context, corpID int64, eventKey string) (*app.Assignment, error)
	RecordAssignment(ctx context.Context, a *app.Assignment) error
	History(ctx context.Context, corpID int64, externalUserID string) ([]app.Assignment, error)
	LatestAssignments(ctx context.Context, corpID int64, externalUserID string, limit int) ([]app.Assignment, error)
	Counts
}

// Owners are the current owner rows.
type Owners interface {
	FindOwner(ctx context.Context, corpID, scope int64, externalUserID string) (*app.Owner, error)
	OwnersOf(ctx context.Context, corpID int64, externalUserID string) ([]app.Owner, error)
	SaveOwner(ctx context.Context, o *app.Owner) error
	PooledOwners(ctx context.Context, corpID int64, limit int) ([]app.Owner, error)
	TouchOwner(ctx context.Context, o app.Owner) error
	Loads(ctx context.Context, corpID int64, userIDs []string) (map[string]int, error)
}

// Counts are daily adds per guide and channel, and round-robin turns.
type Counts interface {
	DailyAdds(ctx context.Context, corpID, channelID int64, day string) (map[string]int, error)
	CountDailyAdd(ctx context.Context, corpID, channelID int64, userID, day string) error
	ChannelTurn(ctx context.Context, corpID, channelID int64) (string, error)
	SetChannelTurn(ctx context.Context, corpID, channelID int64, userID string) error
}

// Welcomes keeps each add's welcome outcome (app/db's WelcomeStore).
type Welcomes interface {
	ClaimWelcome(ctx context.Context, w *app.WelcomeSend, now time.Time, lease time.Duration) (*app.WelcomeSend, bool, error)
	FinishWelcome(ctx context.Context, w *app.WelcomeSend) (bool, error)
}

// Org reads the organisation app/org keeps.
type Org interface {
	GuidesByUserID(ctx context.Context, corpID int64, userIDs []string) (map[string]app.Guide, error)
	FindGuideByUserID(ctx context.Context, corpID int64, userID string) (*app.Guide, error)
	ListGuides(ctx context.Context, corpID int64, f app.GuideFilter) ([]app.Guide, int64, error)
	FindStore(ctx context.Context, corpID, id int64) (*app.Store, error)
	OpenStores(ctx context.Context, corpID, scope int64) ([]app.Store, error)
	StoreScope(ctx context.Context, corpID int64, storeID *int64) (int64, error)
	StoresByID(ctx context.Context, corpID int64, ids []int64) (map[int64]app.Store, error)
	// StoreOf is the store a console caller is limited to (0: the corp).
	StoreOf(ctx context.Context, corpID int64, by app.Principal) (int64, error)
}

// Auditor records people's decisions in the audit trail (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}

// Channels finds channel codes (app/channel).
type Channels interface {
	FindChannel(ctx context.Context, corpID, id int64) (*app.Channel, error)
	FindChannelByState(ctx context.Context, corpID int64, state string) (*app.Channel, error)
}

// Names reads what the directory's mirror calls people: the customer and
// the members.
type Names interface {
	CustomerName(ctx context.Context, corpID int64, externalUserID string) (string, error)
	StaffNames(ctx context.Context, corpID int64, userIDs []string) (map[string]string, error)
}

// TagMirror records in the directory's mirror the tags Siyu marked on a
// relation and WeCom accepted (app/directory).
type TagMirror interface {
	RecordMarkedTags(ctx context.Context, corpID int64, userID, externalUserID string, tagIDs []string, at time.Time) error
}

// Tasks gives guides tasks (app/todo).
type Tasks interface {
	CreateTask(ctx context.Context, t *app.GuideTask) (bool, error)
}

// Zones tells a corp's time zone name.
type Zones interface {
	CorpZone(ctx context.Context, corpID int64) (string, error)
}

// WeCom is what assignment asks of a corp's WeCom.
type WeCom interface {
	SendWelcomeMsg(ctx context.Context, req wecom.WelcomeMsgRequest) error
	MarkTag(ctx context.Context, req wecom.MarkTagRequest) error
}

// Clients gives the WeCom client of a corp.
type Clients interface {
	Client(ctx context.Context, corpID int64) (WeCom, error)
}

// Refresher reads an added customer's details from WeCom, for a welcome
// that names a customer Siyu has not read yet; a read the add itself made
// meanwhile is not repeated.
type Refresher interface {
	ReadAddedCustomer(ctx context.Context, corpID int64, userID, externalUserID string, received, at time.Time) error
}

// Router re-routes a channel's contact way, called when a guide reaches
// their daily cap so WeCom stops sending them customers at once.
type Router interface {
	SyncChannel(ctx context.Context, corpID, channelID int64, at time.Time) error
}
