package journey

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// Store keeps journeys, their fire ledger and the holiday calendar
// (app/db's JourneyStore); journey is their only writer.
type Store interface {
	CreateJourney(ctx context.Context, j *app.Journey) error
	SaveJourney(ctx context.Context, j *app.Journey) error
	FindJourney(ctx context.Context, corpID, id int64) (*app.Journey, error)
	ListJourneys(ctx context.Context, corpID int64, status string) ([]app.Journey, error)
	FireCounts(ctx context.Context, corpID, id int64) (map[string]int64, error)
	Fires
	Calendar
}

// Fires is the fire ledger: due fires recorded in SQL, then acted on.
type Fires interface {
	InsertDueFires(ctx context.Context, d app.JourneyDue) (int64, error)
	PendingFires(ctx context.Context, corpID, id, after int64, limit int) ([]app.JourneyFire, error)
	FinishFire(ctx context.Context, f *app.JourneyFire) error
	FinishFires(ctx context.Context, corpID int64, ids []int64, now time.Time) error
	ListFires(ctx context.Context, corpID, id int64, status string, p app.Page) ([]app.JourneyFire, int64, error)
}

// Calendar is a corp's holiday calendar.
type Calendar interface {
	ListHolidays(ctx context.Context, corpID int64) ([]app.Holiday, error)
	HolidayOn(ctx context.Context, corpID int64, code, date string) (bool, error)
	SaveHoliday(ctx context.Context, h *app.Holiday) error
	DeleteHoliday(ctx context.Context, corpID int64, code string, year int) error
	SeedHolidays(ctx context.Context, corpID int64, hs []app.Holiday) error
	CountHolidays(ctx context.Context, corpID int64) (int64, error)
}

// Tasks gives guides tasks, idempotent by corp, kind and source (app/todo);
// CreateTasks gives a batch's at once.
type Tasks interface {
	CreateTask(ctx context.Context, t *app.GuideTask) (bool, error)
	CreateTasks(ctx context.Context, ts []app.GuideTask) error
}

// Zones tells a corp's time zone name.
type Zones interface {
	CorpZone(ctx context.Context, corpID int64) (string, error)
}

// WeCom is what a journey asks of a corp's WeCom: marking tags.
type WeCom interface {
	MarkTag(ctx context.Context, req wecom.MarkTagRequest) error
}

// Clients gives the WeCom client of a corp.
type Clients interface {
	Client(ctx context.Context, corpID int64) (WeCom, error)
}

// TagMirror records in the directory's mirror the tags Siyu marked, so
// they show at once (app/directory); removals show at the next read.
type TagMirror interface {
	RecordMarkedTags(ctx context.Context, corpID int64, userID, externalUserID string, tagIDs []string, at time.Time) error
}

// Auditor records changes in the audit trail (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}
