// Package journey runs customer journeys (客户SOP / 节日关怀). A journey
// has a trigger (day N after add, birthday, a holiday of the corp's
// calendar, member day, a lifecycle or RFM class change, first order, N
// days after the last order, refund), a re-entry policy and steps, each an
// action at a time relative to the trigger's anchor date in the corp's
// zone. A periodic tick finds, in SQL, the (journey, step, customer,
// occurrence) due since the catch-up window began and records each in the
// fire ledger, whose unique key makes every fire happen once across
// restarts, pauses, edits and schedulers running at once; then it runs
// the actions of the fires just recorded (a guide task, a tag marked or
// removed, a single-customer mass send), each with its result.
package journey

import (
	"log/slog"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Deps are what the journey capability is built from. Mass may be nil:
// journeys with a mass-send step are then refused.
type Deps struct {
	Store   Store
	Tasks   Tasks
	Zones   Zones
	Clients Clients
	Tags    TagMirror
	Mass    app.MassSender
	Audit   Auditor
	Log     *slog.Logger
	// Now is the clock ticks are timed by (time.Now if nil; tests use
	// the sandbox's).
	Now func() time.Time
}

// Service manages journeys and runs their ticks.
type Service struct{ Deps }

// New returns a Service on d.
func New(d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	return &Service{Deps: d}
}

func (s *Service) clock() time.Time { return s.Now().UTC().Truncate(time.Millisecond) }
