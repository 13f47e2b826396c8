package groupsop

import (
	"context"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// pendingPage is how many pending fires a tick gives tasks for at a time.
const pendingPage = 500

// Tick records what is due now in the corp's active SOPs and gives each
// new fire's owner their task. A fire is recorded before its task, and
// the task is keyed by the fire, so a tick that dies between the two is
// finished by the next without a second task.
func (s *Service) Tick(ctx context.Context, corpID int64) error {
	corp, err := s.Corps.FindCorpByID(ctx, corpID)
	if err != nil {
		return err
	}
	sops, err := s.Store.ActiveSOPs(ctx, corpID)
	if err != nil {
		return err
	}
	now := s.now()
	for i := range sops {
		if err := s.tickSOP(ctx, &sops[i], now, app.ZoneNamed(corp.Timezone)); err != nil {
			return fmt.Errorf("sop %d: %w", sops[i].ID, err)
		}
	}
	return nil
}

func (s *Service) tickSOP(ctx context.Context, sop *app.GroupSOP, now time.Time, zone *time.Location) error {
	fires, err := s.dueFires(ctx, sop, now, zone)
	if err != nil {
		return err
	}
	if err := s.Ledger.RecordFires(ctx, fires); err != nil {
		return err
	}
	return s.givePending(ctx, sop)
}

// givePending gives the task (and mass send) of every pending fire.
func (s *Service) givePending(ctx context.Context, sop *app.GroupSOP) error {
	for after := int64(0); ; {
		fs, err := s.Ledger.PendingFires(ctx, sop.CorpID, sop.ID, after, pendingPage)
		if err != nil || len(fs) == 0 {
			return err
		}
		for i := range fs {
			if err := s.give(ctx, sop, &fs[i]); err != nil {
				return err
			}
			after = fs[i].ID
		}
	}
}

// give hands fire f to its group's owner and marks it done. A step
// deleted since the fire was recorded gives nothing.
func (s *Service) give(ctx context.Context, sop *app.GroupSOP, f *app.GroupSOPFire) error {
	if st := sop.Step(f.StepID); st != nil {
		due := f.DueAt
		t := &app.GuideTask{CorpID: f.CorpID, UserID: f.Owner, ChatID: f.ChatID, Content: st.Content,
			Kind: app.TaskSOPStep, Title: sop.Name, DueAt: &due, Source: f.Key()}
		if _, err := s.Tasks.CreateTask(ctx, t); err != nil {
			return fmt.Errorf("task for %s: %w", f.Key(), err)
		}
		if st.MassSend && s.Sender != nil {
			if err := s.Sender.SendToGroup(ctx, f.CorpID, f.Owner, f.ChatID, sop.Name+" · 群发", st.Content, f.Key()); err != nil {
				return fmt.Errorf("mass send for %s: %w", f.Key(), err)
			}
		}
	}
	return s.Ledger.FinishFire(ctx, f.CorpID, f.ID)
}
