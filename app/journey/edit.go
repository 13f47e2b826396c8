package journey

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// Create checks and saves a new, active journey of corpID; its steps get
// ids 1, 2 … in order.
func (s *Service) Create(ctx context.Context, corpID int64, actor string, in app.Journey) (*app.Journey, error) {
	j := in
	j.ID, j.CorpID, j.Status, j.CreatedBy = 0, corpID, app.JourneyActive, actor
	if j.CatchUpHours == 0 {
		j.CatchUpHours = app.DefaultCatchUpHour
	}
	j.Steps = append([]app.JourneyStep(nil), in.Steps...)
	for i := range j.Steps {
		j.Steps[i].ID, j.Steps[i].Since = i+1, s.clock()
	}
	j.NextStepID = len(j.Steps) + 1
	if err := s.checkIn(ctx, &j); err != nil {
		return nil, err
	}
	if err := s.Store.CreateJourney(ctx, &j); err != nil {
		return nil, err
	}
	return &j, s.audit(ctx, &j, actor, "journey.create")
}

// Update replaces journey id's name, audience, catch-up window, holdout
// and steps. A new holdout share applies to the fires recorded after it.
// A step sent with its id keeps it, and with it the fires it already has;
// a step without one is new. The trigger and re-entry policy cannot
// change: they define what an occurrence is.
func (s *Service) Update(ctx context.Context, corpID, id int64, actor string, in app.Journey) (*app.Journey, error) {
	j, err := s.Store.FindJourney(ctx, corpID, id)
	if err != nil {
		return nil, err
	}
	var f app.Fields
	f.Check(in.Trigger.Kind != j.Trigger.Kind || in.Reentry != j.Reentry, "trigger.kind", "触发条件类型和重复进入规则创建后不能修改，请新建旅程")
	steps := s.keepStepIDs(&f, j, in.Steps)
	j.Name, j.Trigger, j.Audience, j.Steps, j.HoldoutPercent = in.Name, in.Trigger, in.Audience, steps, in.HoldoutPercent
	if in.CatchUpHours != 0 {
		j.CatchUpHours = in.CatchUpHours
	}
	if err := joinErr(f, s.checkIn(ctx, j)); err != nil {
		return nil, err
	}
	if err := s.Store.SaveJourney(ctx, j); err != nil {
		return nil, err
	}
	return j, s.audit(ctx, j, actor, "journey.update")
}

// SetStatus pauses (app.JourneyPaused) or resumes (app.JourneyActive)
// journey id. A resumed journey fires what fell due while paused only
// within its catch-up window.
func (s *Service) SetStatus(ctx context.Context, corpID, id int64, actor, status string) (*app.Journey, error) {
	if status != app.JourneyActive && status != app.JourneyPaused {
		return nil, app.FieldInvalid("status", "状态只能是 active 或 paused")
	}
	j, err := s.Store.FindJourney(ctx, corpID, id)
	if err != nil || j.Status == status {
		return j, err
	}
	j.Status = status
	if err := s.Store.SaveJourney(ctx, j); err != nil {
		return nil, err
	}
	return j, s.audit(ctx, j, actor, "journey."+map[string]string{app.JourneyActive: "resume", app.JourneyPaused: "pause"}[status])
}

// checkIn checks j against the corp's calendar.
func (s *Service) checkIn(ctx context.Context, j *app.Journey) error {
	codes, err := s.holidayCodes(ctx, j.CorpID)
	if err != nil {
		return err
	}
	return s.check(j, codes)
}

// joinErr returns one error listing the fields of f and of err (an
// EINVALID from check), or err when it is of another kind.
func joinErr(f app.Fields, err error) error {
	if err != nil && app.ErrorCode(err) != app.EINVALID {
		return err
	}
	return append(f, app.ErrorFields(err)...).Err()
}

// audit records a change to journey j made by actor.
func (s *Service) audit(ctx context.Context, j *app.Journey, actor, action string) error {
	if s.Audit == nil {
		return nil
	}
	return s.Audit.Record(ctx, app.AuditChange{CorpID: j.CorpID, Actor: actor, Action: action, TargetType: "journey", TargetID: j.ID,
		Detail: map[string]any{"name": j.Name, "status": j.Status, "trigger": j.Trigger, "steps": len(j.Steps), "holdout_percent": j.HoldoutPercent}})
}

// keepStepIDs returns steps with their ids: a step sent with the id of one
// the journey had keeps it (and when it was added), a step without one
// gets the next free id and starts now. A step removed and later sent
// again with its id keeps its fires: ids are never reused.
func (s *Service) keepStepIDs(f *app.Fields, j *app.Journey, in []app.JourneyStep) []app.JourneyStep {
	known, seen := j.NextStepID, map[int]bool{}
	steps := make([]app.JourneyStep, len(in))
	for i, st := range in {
		st.Since = s.clock()
		if old := j.Step(st.ID); old != nil {
			st.Since = old.Since
		}
		if st.ID == 0 {
			st.ID, j.NextStepID = j.NextStepID, j.NextStepID+1
		} else {
			f.Check(st.ID < 0 || st.ID >= known || seen[st.ID], fmt.Sprintf("steps[%d].id", i), "步骤编号不存在或重复，新步骤不要带编号")
		}
		seen[st.ID], steps[i] = true, st
	}
	return steps
}
