package masssend

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// WeCom's per-customer statuses in get_groupmsg_send_result.
var results = map[int]string{1: app.ResultSent, 2: app.ResultNotFriend, 3: app.ResultOverLimit}

// follow polls every created chunk of the send (Workers at a time): the
// guide's task and each customer's result, all pages; a chunk the guide
// sent settles. A cancelled send's created chunks are cancelled instead.
func (s *Service) follow(ctx context.Context, cl WeCom, ms *app.MassSend) error {
	chunks, err := s.Store.ChunksIn(ctx, ms.CorpID, ms.ID, app.ChunkCreated)
	if err != nil {
		return err
	}
	poll := s.poll
	if ms.Status == app.MassSendCancelled {
		poll = s.cancelChunk
	}
	return s.each(chunks, func(c *app.MassSendChunk) error { return poll(ctx, cl, ms, c) })
}

// poll reads one chunk's task and results from WeCom and applies them;
// once the guide sent it, the chunk settles and its guide task is done.
func (s *Service) poll(ctx context.Context, cl WeCom, ms *app.MassSend, c *app.MassSendChunk) error {
	tasks, err := allTasks(ctx, cl, c.MsgID)
	if err != nil {
		return err
	}
	sent := false
	for _, t := range tasks {
		sent = sent || (t.UserID == c.UserID && t.Status == 2)
	}
	if err := s.applyResults(ctx, cl, ms, c); err != nil {
		return err
	}
	if !sent {
		return nil
	}
	ok, err := s.Store.CloseChunk(ctx, c, app.ChunkSettled, true, app.ResultNotIncluded, s.now())
	if err != nil || !ok {
		return err
	}
	return s.closeTask(ctx, c, true)
}

// applyResults records the customers WeCom reports on whose result is
// still pending here; each one sent becomes one touch, in the same
// transaction, so a delivered message is recorded exactly once.
func (s *Service) applyResults(ctx context.Context, cl WeCom, ms *app.MassSend, c *app.MassSendChunk) error {
	sends, err := allResults(ctx, cl, c.MsgID, c.UserID)
	if err != nil {
		return err
	}
	pending, err := s.Store.PendingRecipients(ctx, c)
	if err != nil {
		return err
	}
	open := make(map[string]bool, len(pending))
	for _, e := range pending {
		open[e] = true
	}
	by := map[string][]string{}
	var touches []app.Touch
	for _, r := range sends {
		res, ok := results[r.Status]
		if !ok || !open[recipientOf(r)] {
			continue
		}
		by[res] = append(by[res], recipientOf(r))
		if res == app.ResultSent {
			touches = append(touches, touchOf(ms, c, r))
		}
	}
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		for i := 0; i < len(touches); i += 500 {
			if err := s.Touches.Record(ctx, touches[i:min(i+500, len(touches))]...); err != nil {
				return err
			}
		}
		for res, exts := range by {
			if err := s.Store.SetResults(ctx, c, exts, res, s.now()); err != nil {
				return err
			}
		}
		return nil
	})
}

// touchOf is the touch of one delivered message: one per send and
// customer (or group, named in the detail), whatever polls see it again.
func touchOf(ms *app.MassSend, c *app.MassSendChunk, r *wecom.GroupMsgSend) app.Touch {
	d, _ := json.Marshal(map[string]any{"send": ms.ID, "name": ms.Name, "msgid": c.MsgID, "chat_id": r.ChatID})
	at := time.Unix(int64(r.SendTime), 0).UTC()
	if r.SendTime == 0 {
		at = time.Time{}
	}
	return app.Touch{CorpID: ms.CorpID, Kind: app.TouchMassSend, SourceID: fmt.Sprintf("masssend:%d:%s", ms.ID, recipientOf(r)),
		ExternalUserID: r.ExternalUserID, UserID: c.UserID, Detail: string(d), At: at}
}

// closeTask completes (as verified) or cancels the chunk's guide task; a
// task the guide already closed is left as it is.
func (s *Service) closeTask(ctx context.Context, c *app.MassSendChunk, done bool) error {
	if c.TaskID == nil {
		return nil
	}
	var err error
	if done {
		_, err = s.Tasks.CompleteTask(ctx, c.CorpID, *c.TaskID, system(c.CorpID), true)
	} else {
		_, err = s.Tasks.CancelTask(ctx, c.CorpID, *c.TaskID, system(c.CorpID))
	}
	if app.ErrorCode(err) == app.ECONFLICT || app.ErrorCode(err) == app.ENOTFOUND {
		return nil
	}
	return err
}

// finish moves a send whose chunks have all settled to done (a cancelled
// one stays cancelled).
func (s *Service) finish(ctx context.Context, ms *app.MassSend) error {
	open, err := s.Store.ChunksIn(ctx, ms.CorpID, ms.ID, app.ChunkPlanned, app.ChunkCreating, app.ChunkCreated)
	if err != nil {
		return err
	}
	now := s.now()
	if len(open) == 0 {
		_, err = s.Store.SetMassSendStatus(ctx, ms.CorpID, ms.ID, []string{app.MassSendSending, app.MassSendTracking}, app.MassSendDone, now)
		return err
	}
	for _, c := range open {
		if c.State != app.ChunkCreated {
			return nil
		}
	}
	_, err = s.Store.SetMassSendStatus(ctx, ms.CorpID, ms.ID, []string{app.MassSendSending}, app.MassSendTracking, now)
	return err
}

// FollowAll advances every send that needs work (due, sending, tracking,
// or cancelled with chunks still open); one that fails does not stop the
// others. The periodic follow-up runs it.
func (s *Service) FollowAll(ctx context.Context) error {
	sends, err := s.Store.ActiveMassSends(ctx, s.now())
	if err != nil {
		return err
	}
	var errs []error
	for _, ms := range sends {
		if err := s.Advance(ctx, ms.CorpID, ms.ID); err != nil {
			errs = append(errs, fmt.Errorf("mass send %d: %w", ms.ID, err))
		}
	}
	return errors.Join(errs...)
}
