package journey

import (
	"context"
	"log/slog"

	"github.com/siyu-scrm/siyu/app"
)

// actTasks gives the guide tasks of fs's task fires at once — one lookup
// of the guides, multi-row inserts that skip a task whose source (the
// fire's key) exists — then marks those fires done in one statement, and
// returns the other fires, to be acted on one at a time. A crash between
// the two leaves the fires pending: the next tick inserts nothing again
// and marks them. When the batch is refused (one invalid task) or fails,
// every fire is returned, so each records its own outcome.
func (s *Service) actTasks(ctx context.Context, j *app.Journey, fs []app.JourneyFire) ([]app.JourneyFire, error) {
	var tasks []app.GuideTask
	var ids []int64
	rest := make([]app.JourneyFire, 0, len(fs))
	for i := range fs {
		f := &fs[i]
		st := j.Step(f.StepID)
		if st == nil || st.Action != app.ActionTask {
			rest = append(rest, *f)
			continue
		}
		tasks = append(tasks, taskOf(j, st, f))
		ids = append(ids, f.ID)
	}
	if len(tasks) == 0 {
		return rest, nil
	}
	if err := s.Tasks.CreateTasks(ctx, tasks); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		s.Log.WarnContext(ctx, "journey tasks: batch refused, one at a time", slog.Int64("journey", j.ID), slog.Any("err", err))
		return fs, nil
	}
	return rest, s.Store.FinishFires(ctx, j.CorpID, ids, s.clock())
}

// taskOf is the guide task of task fire f of step st.
func taskOf(j *app.Journey, st *app.JourneyStep, f *app.JourneyFire) app.GuideTask {
	due := f.DueAt
	return app.GuideTask{CorpID: f.CorpID, UserID: f.UserID, ExternalUserID: f.ExternalUserID,
		Kind: app.TaskJourneyStep, Title: j.Name, Content: st.Content, DueAt: &due, Source: f.Key()}
}
