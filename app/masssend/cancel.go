package masssend

import (
	"context"
	"errors"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// remindsPerDay is WeCom's cap on reminders of one mass send in 24 hours.
const remindsPerDay = 3

// Cancel stops a send: chunks not yet claimed are cancelled here, created
// ones are cancelled in WeCom (what guides sent before stays sent and is
// recorded), and one in creating is reconciled first by the follow-up.
func (s *Service) Cancel(ctx context.Context, corpID, id int64) (*app.MassSend, error) {
	now := s.now()
	ok, err := s.Store.SetMassSendStatus(ctx, corpID, id,
		[]string{app.MassSendDraft, app.MassSendScheduled, app.MassSendSending, app.MassSendTracking}, app.MassSendCancelled, now)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, app.Errorf(app.ECONFLICT, "群发已结束或已取消")
	}
	if err := s.Store.CancelPlanned(ctx, corpID, id, now); err != nil {
		return nil, err
	}
	ms, err := s.Store.FindMassSend(ctx, corpID, id)
	if err == nil {
		err = s.audit(ctx, ms, "mass_send.cancel")
	}
	if err != nil {
		return nil, err
	}
	cl, err := s.Clients.Client(ctx, corpID)
	if err != nil {
		return nil, err
	}
	return ms, s.follow(ctx, cl, ms)
}

// cancelChunk cancels a created chunk's task in WeCom after recording
// what its guide already sent.
func (s *Service) cancelChunk(ctx context.Context, cl WeCom, ms *app.MassSend, c *app.MassSendChunk) error {
	tasks, err := allTasks(ctx, cl, c.MsgID)
	if err != nil {
		return err
	}
	sent := len(tasks) > 0 && tasks[0].Status == 2
	if !sent {
		if err := cl.CancelGroupMsg(ctx, c.MsgID); err != nil {
			return err
		}
	}
	if err := s.applyResults(ctx, cl, ms, c); err != nil {
		return err
	}
	state, pending := app.ChunkCancelled, app.ResultCancelled
	if sent {
		state, pending = app.ChunkSettled, app.ResultNotIncluded
	}
	ok, err := s.Store.CloseChunk(ctx, c, state, sent, pending, s.now())
	if err != nil || !ok {
		return err
	}
	return s.closeTask(ctx, c, sent)
}

// Remind asks WeCom to remind the guides of every chunk not yet sent. At
// most 3 reminders in 24 hours per send: a fourth is refused here, and a
// chunk WeCom answers 41094 for is skipped.
func (s *Service) Remind(ctx context.Context, corpID, id int64) error {
	ms, err := s.Store.FindMassSend(ctx, corpID, id)
	if err != nil {
		return err
	}
	if ms.Status != app.MassSendSending && ms.Status != app.MassSendTracking {
		return app.Errorf(app.ECONFLICT, "只有发送中的群发可以提醒")
	}
	now := s.now()
	n, err := s.Store.RemindersSince(ctx, corpID, id, now.Add(-24*time.Hour))
	if err != nil {
		return err
	}
	if n >= remindsPerDay {
		return app.Errorf(app.ECONFLICT, "24小时内最多提醒3次")
	}
	if err := s.remind(ctx, ms); err != nil {
		return err
	}
	return s.audit(ctx, ms, "mass_send.remind")
}

// remind reminds every unsent chunk and records the reminder.
func (s *Service) remind(ctx context.Context, ms *app.MassSend) error {
	chunks, err := s.Store.ChunksIn(ctx, ms.CorpID, ms.ID, app.ChunkCreated)
	if err != nil {
		return err
	}
	if len(chunks) == 0 {
		return app.Errorf(app.ECONFLICT, "没有待导购确认的群发任务")
	}
	cl, err := s.Clients.Client(ctx, ms.CorpID)
	if err != nil {
		return err
	}
	limited := 0
	for _, c := range chunks {
		err := cl.RemindGroupMsg(ctx, c.MsgID)
		switch {
		case errors.Is(err, wecom.ErrRemindLimit):
			limited++
		case err != nil:
			return err
		}
	}
	if err := s.Store.AddReminder(ctx, ms.CorpID, ms.ID, s.now()); err != nil {
		return err
	}
	if limited == len(chunks) {
		return app.Errorf(app.ECONFLICT, "企业微信拒绝提醒：24小时内最多提醒3次")
	}
	return nil
}
