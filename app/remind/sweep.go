package remind

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// sweepLimit bounds the tasks one corp's sweep takes; the rest wait for
// the next minute's.
const sweepLimit = 5000

// Sweep reminds every guide of corpID who has new tasks: batches WeCom has
// not taken yet are sent again first, then each guide's unreminded tasks
// due by today become one batch, claimed once across every sweeper and
// sent if the guide's pace admits a message now (else they wait). A
// guide's failure does not stop the others. A corp without its
// self-built app cannot send app messages: its tasks wait, unclaimed,
// until the app is configured.
func (s *Service) Sweep(ctx context.Context, corpID int64) error {
	corp, err := s.Corps.FindCorpByID(ctx, corpID)
	if err != nil || corp.AgentID == "" {
		return err
	}
	errs := []error{s.resend(ctx, corp)}
	now := s.Now()
	tasks, err := s.Store.UnremindedTasks(ctx, corpID, app.RemindKinds, endOfToday(now, app.ZoneNamed(corp.Timezone)), sweepLimit)
	if err != nil {
		return err
	}
	for _, guide := range byGuide(tasks) {
		errs = append(errs, s.remind(ctx, corp, guide))
	}
	return errors.Join(errs...)
}

// byGuide splits tasks (ordered by guide) into one list per guide.
func byGuide(tasks []app.GuideTask) [][]app.GuideTask {
	var out [][]app.GuideTask
	for i, t := range tasks {
		if i == 0 || t.UserID != tasks[i-1].UserID {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], t)
	}
	return out
}

// remind claims one guide's tasks as a batch and sends it, when the
// guide's pace admits a message.
func (s *Service) remind(ctx context.Context, corp *app.Corp, tasks []app.GuideTask) error {
	userID := tasks[0].UserID
	if ok, err := s.Pace.Take(ctx, corp.ID, userID, s.Now()); err != nil || !ok {
		return err
	}
	b, err := s.compose(ctx, corp, tasks)
	if err != nil {
		return err
	}
	ids := make([]int64, len(tasks))
	for i, t := range tasks {
		ids[i] = t.ID
	}
	claimed, err := s.Store.ClaimBatch(ctx, b, ids)
	if err != nil || !claimed {
		return err
	}
	return s.send(ctx, b)
}

// resendAfter is how long a claimed batch that was never tried belongs to
// its sweeper, which is sending it; after that its sweeper is taken for
// gone (a crash between claim and send).
const resendAfter = 2 * time.Minute

// resend sends again the batches claimed but not taken by WeCom (a failed
// send, or a sweeper gone between claim and send), each when its guide's
// pace admits it. WeCom's duplicate check keeps a batch sent twice from
// arriving twice.
func (s *Service) resend(ctx context.Context, corp *app.Corp) error {
	bs, err := s.Store.UnsentBatches(ctx, corp.ID, s.Now().Add(-resendAfter), sweepLimit)
	var errs []error
	for i := range bs {
		ok, err := s.Pace.Take(ctx, corp.ID, bs[i].UserID, s.Now())
		if err == nil && ok {
			err = s.send(ctx, &bs[i])
		}
		errs = append(errs, err)
	}
	return errors.Join(append(errs, err)...)
}

// dupWindow is WeCom's longest duplicate check: a batch sent again within
// it after an ambiguous failure is delivered once.
const dupWindow = 4 * 3600

// statusOf is the batch status each message outcome is recorded as.
var statusOf = map[string]string{app.MessageSent: app.ReminderSent, app.MessageRefused: app.ReminderFailed, app.MessageRetry: app.ReminderClaimed}

// send hands batch b to WeCom and records the outcome: sent; failed for
// good when WeCom refuses the guide (not in the app's range, no such
// member); otherwise left claimed, to be sent again by the next sweep.
func (s *Service) send(ctx context.Context, b *app.ReminderBatch) error {
	m, err := s.Messengers.Messenger(ctx, b.CorpID)
	if err != nil {
		return s.Store.MarkBatch(ctx, b.CorpID, b.ID, app.ReminderClaimed, "", app.Clip(app.ErrorMessage(err), app.NoteRunes), nil)
	}
	res, err := m.SendAppMessage(ctx, message(b))
	o := res.Outcome(err, "导购不在自建应用的可见范围内，无法接收提醒", s.Now())
	if mErr := s.Store.MarkBatch(ctx, b.CorpID, b.ID, statusOf[o.Kind], o.MsgID, o.Note, o.SentAt); mErr != nil || o.Kind != app.MessageRetry {
		return mErr
	}
	return fmt.Errorf("remind %s: %w", b.UserID, err)
}
