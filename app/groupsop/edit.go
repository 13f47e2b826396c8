package groupsop

import (
	"context"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// Create checks sop and stores it, active unless paused is asked; its
// steps get ids from 1 and fire only from now on.
func (s *Service) Create(ctx context.Context, sop *app.GroupSOP) error {
	sop.ID, sop.NextStepID = 0, 1
	if sop.Status != app.GroupSOPPaused {
		sop.Status = app.GroupSOPActive
	}
	if err := s.prepare(sop, nil); err != nil {
		return err
	}
	if err := s.Store.CreateSOP(ctx, sop); err != nil {
		return err
	}
	return s.audit(ctx, sop, "group_sop.create")
}

// Update replaces SOP in.ID's name, selection and steps. A step sent
// with the id of an existing step keeps that id (and what it fired); a
// step without one is new and fires from now on.
func (s *Service) Update(ctx context.Context, in *app.GroupSOP) (*app.GroupSOP, error) {
	cur, err := s.Store.FindSOP(ctx, in.CorpID, in.ID)
	if err != nil {
		return nil, err
	}
	cur.Name, cur.Selection, cur.CatchUpHours = in.Name, in.Selection, in.CatchUpHours
	if err := s.prepare(cur, in.Steps); err != nil {
		return nil, err
	}
	if err := s.Store.SaveSOP(ctx, cur); err != nil {
		return nil, err
	}
	return cur, s.audit(ctx, cur, "group_sop.update")
}

// prepare numbers sop's steps (next replaces them when not nil), keeping
// known ids and their start, and validates the whole.
func (s *Service) prepare(sop *app.GroupSOP, next []app.GroupSOPStep) error {
	old := *sop
	old.Steps = append([]app.GroupSOPStep(nil), sop.Steps...)
	if next != nil {
		sop.Steps = next
	}
	sop.Name = strings.TrimSpace(sop.Name)
	if sop.CatchUpHours == 0 {
		sop.CatchUpHours = app.DefaultGroupCatchUpHours
	}
	kept := map[int]bool{}
	for i := range sop.Steps {
		st := &sop.Steps[i]
		if prev := old.Step(st.ID); prev != nil && next != nil && !kept[st.ID] { // an id sent twice is kept once
			st.Since, kept[st.ID] = prev.Since, true
			continue
		}
		st.ID, st.Since = sop.NextStepID, s.now()
		sop.NextStepID++
	}
	return validate(sop, s.Sender != nil)
}

// SetStatus pauses or resumes SOP id. A resumed SOP fires only what is
// due within its catch-up window.
func (s *Service) SetStatus(ctx context.Context, corpID, id int64, status string) (*app.GroupSOP, error) {
	if status != app.GroupSOPActive && status != app.GroupSOPPaused {
		return nil, app.FieldInvalid("status", "状态只能是 active 或 paused")
	}
	sop, err := s.Store.FindSOP(ctx, corpID, id)
	if err != nil {
		return nil, err
	}
	if sop.Status == status {
		return sop, nil
	}
	sop.Status = status
	if err := s.Store.SaveSOP(ctx, sop); err != nil {
		return nil, err
	}
	return sop, s.audit(ctx, sop, "group_sop."+map[string]string{app.GroupSOPActive: "resume", app.GroupSOPPaused: "pause"}[status])
}

// audit records action on sop by the request's actor (the creator when a
// request names none).
func (s *Service) audit(ctx context.Context, sop *app.GroupSOP, action string) error {
	if s.Audit == nil {
		return nil
	}
	actor := app.Actor(ctx)
	if actor == "" {
		actor = sop.CreatedBy
	}
	return s.Audit.Record(ctx, app.AuditChange{CorpID: sop.CorpID, Actor: actor, Action: action, TargetType: "group_sop", TargetID: sop.ID,
		Detail: map[string]any{"name": sop.Name, "status": sop.Status, "selection": sop.Selection, "steps": len(sop.Steps)}})
}

// Count is how many live groups sel picks now: the editor's live count.
func (s *Service) Count(ctx context.Context, corpID int64, sel app.GroupSelection) (int64, error) {
	return s.Groups.CountGroups(ctx, corpID, sel)
}

// ListSOPs lists the corp's SOPs, newest first.
func (s *Service) ListSOPs(ctx context.Context, corpID int64) ([]app.GroupSOP, error) {
	return s.Store.ListSOPs(ctx, corpID)
}

// FindSOP returns SOP id of the corp.
func (s *Service) FindSOP(ctx context.Context, corpID, id int64) (*app.GroupSOP, error) {
	return s.Store.FindSOP(ctx, corpID, id)
}
