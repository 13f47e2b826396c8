package journey

import (
	"context"
	"log/slog"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// actBatch is how many pending fires are read (and task fires given) at
// once: on the benchmark's MariaDB, acting on 1,000,000 fires ran at 10,200
// a second with batches of 500, 15,700 with 2,000 and 17,200 with 5,000,
// whose few megabytes of fires and tasks are the tick's largest allocation.
const actBatch = 5000

// actBudget is how long one tick acts on fires, across journeys, so a
// tick ends within its 5-minute period; what is left stays pending for
// the next tick. Task fires are given in bulk (actTasks: about 17,000 a
// second on the benchmark's MariaDB, against 2,300 one at a time); other
// actions go one fire at a time.
const actBudget = 3 * time.Minute

// maxAttempts is how often a failing action is tried, a tick apart,
// before its fire is failed for good.
const maxAttempts = 3

// errMassUnwired is a mass-send step of a service built without a
// mass-send capability (the composition root always wires one).
var errMassUnwired = app.Errorf(app.EINVALID, "群发能力尚未接入")

// act runs the action of j's pending fires until until (wall-clock time)
// and records each one's result. Every action is idempotent by the fire's key (the task's
// source, the mass send's key; marking a tag twice changes nothing), so a
// crash between the action and its record repeats nothing.
func (s *Service) act(ctx context.Context, j *app.Journey, until time.Time) error {
	for after := int64(0); time.Now().Before(until); {
		fs, err := s.Store.PendingFires(ctx, j.CorpID, j.ID, after, actBatch)
		if err != nil || len(fs) == 0 {
			return err
		}
		if err := s.actAll(ctx, j, fs); err != nil {
			return err
		}
		after = fs[len(fs)-1].ID
	}
	return nil
}

// actConcurrency is how many fires of a batch are acted on at once: each
// is independent and idempotent, and most of an action is waiting on the
// database or WeCom.
const actConcurrency = 8

// actAll gives the batch's guide tasks at once, then acts on the other
// fires, actConcurrency at a time.
func (s *Service) actAll(ctx context.Context, j *app.Journey, fs []app.JourneyFire) error {
	fs, err := s.actTasks(ctx, j, fs)
	if err != nil || len(fs) == 0 {
		return err
	}
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(actConcurrency)
	for i := range fs {
		g.Go(func() error { return s.actOne(ctx, j, &fs[i]) })
	}
	return g.Wait()
}

// actOne runs one fire's action and records its outcome; only a failure
// to record is returned.
func (s *Service) actOne(ctx context.Context, j *app.Journey, f *app.JourneyFire) error {
	err := s.perform(ctx, j, f)
	if ctx.Err() != nil { // shutting down: the next tick acts again
		return ctx.Err()
	}
	f.Attempts++
	switch {
	case err == nil:
		f.Status, f.Result = app.FireDone, "ok"
	case f.Attempts >= maxAttempts || app.Permanent(err):
		f.Status, f.Result = app.FireFailed, app.Truncate(app.ErrorMessage(err)+": "+err.Error(), 250)
	default:
		f.Result = app.Truncate(err.Error(), 250)
	}
	if err != nil {
		s.Log.WarnContext(ctx, "journey action failed", slog.Int64("journey", j.ID), slog.String("key", f.Key()), slog.Any("err", err))
	}
	return s.Store.FinishFire(ctx, f)
}

// perform runs the action of f's step.
func (s *Service) perform(ctx context.Context, j *app.Journey, f *app.JourneyFire) error {
	st := j.Step(f.StepID)
	if st == nil {
		return app.Errorf(app.ENOTFOUND, "步骤已删除")
	}
	switch st.Action {
	case app.ActionTask:
		t := taskOf(j, st, f)
		_, err := s.Tasks.CreateTask(ctx, &t)
		return err
	case app.ActionTagAdd, app.ActionTagRemove:
		return s.markTag(ctx, f, st)
	case app.ActionMassSend:
		if s.Mass == nil {
			return errMassUnwired
		}
		return s.Mass.SendToCustomer(ctx, f.CorpID, f.UserID, f.ExternalUserID, j.Name+" · 单客群发", st.Content, f.Key())
	}
	return app.Errorf(app.EINVALID, "未知的步骤动作")
}

// markTag adds or removes the step's tag on the owner's relation.
func (s *Service) markTag(ctx context.Context, f *app.JourneyFire, st *app.JourneyStep) error {
	c, err := s.Clients.Client(ctx, f.CorpID)
	if err != nil {
		return err
	}
	req := wecom.MarkTagRequest{UserID: f.UserID, ExternalUserID: f.ExternalUserID}
	if st.Action == app.ActionTagRemove {
		req.RemoveTag = []string{st.TagID}
		return c.MarkTag(ctx, req)
	}
	req.AddTag = []string{st.TagID}
	if err := c.MarkTag(ctx, req); err != nil {
		return err
	}
	return s.Tags.RecordMarkedTags(ctx, f.CorpID, f.UserID, f.ExternalUserID, req.AddTag, s.clock())
}
