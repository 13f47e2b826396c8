package journey

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Tick fires corpID's active journeys: every step due since its window
// opened is recorded in the fire ledger (in SQL, one statement per step
// and anchor date), then the actions of the fires not yet acted on run.
// A journey that fails does not stop the others.
func (s *Service) Tick(ctx context.Context, corpID int64) error {
	now := s.clock()
	zone, err := s.Zones.CorpZone(ctx, corpID)
	if err != nil {
		return err
	}
	if err := s.ensureCalendar(ctx, corpID); err != nil {
		return err
	}
	js, err := s.Store.ListJourneys(ctx, corpID, app.JourneyActive)
	if err != nil {
		return err
	}
	loc, until := app.ZoneNamed(zone), time.Now().Add(actBudget)
	var errs []error
	for i := range js {
		if err := s.tickJourney(ctx, &js[i], now, loc, until); err != nil {
			errs = append(errs, fmt.Errorf("journey %d: %w", js[i].ID, err))
		}
	}
	return errors.Join(errs...)
}

// tickJourney records j's due fires, then acts on its pending ones
// until until.
func (s *Service) tickJourney(ctx context.Context, j *app.Journey, now time.Time, loc *time.Location, until time.Time) error {
	for _, st := range j.Steps {
		for _, sl := range slots(st, since(j, st, now), now, loc) {
			ok, err := s.occurs(ctx, j, sl)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			d := app.JourneyDue{Journey: j, StepID: st.ID, Anchor: sl.anchor, DueAt: sl.due, Now: now}
			if _, err := s.Store.InsertDueFires(ctx, d); err != nil {
				return err
			}
		}
	}
	return s.act(ctx, j, until)
}

// occurs reports whether the calendar triggers have an occurrence on the
// slot's anchor date; the other triggers find theirs in SQL.
func (s *Service) occurs(ctx context.Context, j *app.Journey, sl slot) (bool, error) {
	switch j.Trigger.Kind {
	case app.TriggerHoliday:
		return s.Store.HolidayOn(ctx, j.CorpID, j.Trigger.Holiday, sl.anchor.Format("2006-01-02"))
	case app.TriggerMemberDay:
		return sl.anchor.Day() == j.Trigger.DayOfMonth, nil
	}
	return true, nil
}
