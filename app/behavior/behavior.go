// Package behavior pulls WeCom's own chat figures of each guide (联系客户
// 统计, get_user_behavior_data) into behavior_days, which it owns with
// each guide's mark (behavior_marks) and the nightly pulls
// (behavior_pulls). Once a day per corp, at a local hour late enough for
// WeCom to have finished yesterday, every active guide is pulled one
// userid a call (several userids return one merged series), in spans of
// at most 30 days from the day after the guide's mark (first: the last
// 180 days) to yesterday, with the last days pulled again because WeCom
// fills them in late. A span's rows and the mark move in one
// transaction, so a pull cut short resumes without gaps or duplicates.
package behavior

import (
	"context"
	"log/slog"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// Store keeps the figures, marks and pulls (app/db's BehaviorStore).
type Store interface {
	StoreBehaviorSpan(ctx context.Context, corpID int64, userID, through string, days []app.BehaviorDay) error
	BehaviorMarks(ctx context.Context, corpID int64) (map[string]string, error)
	StartBehaviorPull(ctx context.Context, corpID int64, day string) (bool, error)
	BehaviorPullFinished(ctx context.Context, corpID int64, day string) (bool, error)
	FinishBehaviorPull(ctx context.Context, p app.BehaviorPull) error
}

// Guides lists a corp's guides (app/org's store).
type Guides interface {
	ListGuides(ctx context.Context, corpID int64, f app.GuideFilter) ([]app.Guide, int64, error)
}

// WeCom is what a pull asks of a corp's WeCom.
type WeCom interface {
	UserBehaviorData(ctx context.Context, req wecom.BehaviorRequest) ([]wecom.Behavior, error)
}

// Clients gives the WeCom client of a corp.
type Clients interface {
	Client(ctx context.Context, corpID int64) (WeCom, error)
}

// Queue starts a corp's pull of a day, once however often it is asked.
type Queue interface {
	EnqueueBehaviorPull(ctx context.Context, corpID int64, day string) error
}

// Deps are what the service is built from.
type Deps struct {
	Store   Store
	Guides  Guides
	Clients Clients
	Queue   Queue
	Log     *slog.Logger
	Options Options
}

// Service pulls the figures.
type Service struct {
	store   Store
	guides  Guides
	clients Clients
	queue   Queue
	log     *slog.Logger
	opts    Options
	// Clock is the time pulls and ticks go by (time.Now when nil; tests
	// set the sandbox's clock, which they move by days).
	Clock func() time.Time
}

// New builds the service.
func New(d Deps) *Service {
	log := d.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{store: d.Store, guides: d.Guides, clients: d.Clients, queue: d.Queue,
		log: log.With("component", "behavior"), opts: d.Options.withDefaults()}
}

func (s *Service) now() time.Time {
	if s.Clock != nil {
		return s.Clock()
	}
	return time.Now()
}
