package masssend

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// slack widens the window searched around the first claim, for clocks
// that disagree.
const slack = 5 * time.Minute

// takeOver handles a chunk found in creating after its lease ran out
// (now held under a new fence): WeCom may or may not have created its
// task, and add_msg_template has no idempotency key, so the task is
// looked for first. Found, its msgid is recorded; not found, the chunk is
// created anew (or, for a cancelled send, cancelled).
func (s *Service) takeOver(ctx context.Context, cl WeCom, ms *app.MassSend, c *app.MassSendChunk, fence int64, leaseUntil time.Time) (bool, error) {
	exts, err := s.Store.ChunkRecipients(ctx, c)
	if err != nil {
		return false, err
	}
	msgID, err := s.find(ctx, cl, ms, c, exts)
	if err != nil {
		return false, err
	}
	if msgID != "" {
		s.Log.InfoContext(ctx, "mass send: reconciled a lost answer", "send", ms.ID, "userid", c.UserID, "chunk", c.Chunk, "msgid", msgID)
		return true, s.recordCreated(ctx, ms, c, fence, msgID, nil)
	}
	if ms.Status == app.MassSendCancelled {
		return true, s.Store.FailChunk(ctx, c, fence, app.ChunkCancelled, "", s.now())
	}
	return true, s.create(ctx, cl, ms, c, fence, leaseUntil)
}

// find looks for the chunk's task among the corp's API-created mass sends
// since its first claim: not yet in the ledger, with the send's text,
// the chunk's guide as its only sender, and customers all of the chunk
// (WeCom leaves out those in fail_list). A guide's chunks are created one
// after another, so at most one chunk of the send can match. The creator
// filter is not used: WeCom leaves creator out of API-created sends.
func (s *Service) find(ctx context.Context, cl WeCom, ms *app.MassSend, c *app.MassSendChunk, exts []string) (string, error) {
	end := s.now().Add(slack)
	start := c.FirstClaimedAt.Add(-slack)
	if end.Sub(start) > 30*24*time.Hour {
		start = end.Add(-30 * 24 * time.Hour)
	}
	req := wecom.GroupMsgListRequest{ChatType: ms.ChatType, StartTime: start.Unix(), EndTime: end.Unix(), FilterType: 0, Limit: 100}
	for {
		msgs, next, err := cl.GroupMsgs(ctx, req)
		if err != nil {
			return "", err
		}
		id, err := s.match(ctx, cl, ms, c, exts, msgs)
		if err != nil || id != "" || next == "" {
			return id, err
		}
		req.Cursor = next
	}
}

// match returns the msgid among msgs that is the chunk's task, if any.
func (s *Service) match(ctx context.Context, cl WeCom, ms *app.MassSend, c *app.MassSendChunk, exts []string, msgs []*wecom.GroupMsg) (string, error) {
	var ids []string
	for _, m := range msgs {
		if m.CreateType == 0 && m.Text.Content == ms.Text {
			ids = append(ids, m.MsgID)
		}
	}
	known, err := s.Store.KnownMsgIDs(ctx, ms.CorpID, ids)
	if err != nil {
		return "", err
	}
	want := make(map[string]bool, len(exts))
	for _, e := range exts {
		want[e] = true
	}
	for _, id := range ids {
		if known[id] {
			continue
		}
		ok, err := s.sameChunk(ctx, cl, id, c.UserID, want)
		if err != nil {
			return "", err
		}
		if ok {
			return id, nil
		}
	}
	return "", nil
}

// sameChunk reports whether mass send id was sent by userID alone to
// customers all in want.
func (s *Service) sameChunk(ctx context.Context, cl WeCom, id, userID string, want map[string]bool) (bool, error) {
	tasks, err := allTasks(ctx, cl, id)
	if err != nil {
		return false, err
	}
	if len(tasks) != 1 || tasks[0].UserID != userID {
		return false, nil
	}
	sends, err := allResults(ctx, cl, id, userID)
	if err != nil || len(sends) == 0 {
		return false, err
	}
	for _, r := range sends {
		if !want[recipientOf(r)] {
			return false, nil
		}
	}
	return true, nil
}

// recipientOf is who a result is about: the customer, or the group of a
// group send.
func recipientOf(r *wecom.GroupMsgSend) string {
	if r.ChatID != "" {
		return r.ChatID
	}
	return r.ExternalUserID
}

// allTasks reads every page of a mass send's member tasks.
func allTasks(ctx context.Context, cl WeCom, msgID string) ([]*wecom.GroupMsgTask, error) {
	var out []*wecom.GroupMsgTask
	cursor := ""
	for {
		page, next, err := cl.GroupMsgTasks(ctx, msgID, cursor, 1000)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if next == "" {
			return out, nil
		}
		cursor = next
	}
}

// allResults reads every page of a member's results of a mass send.
func allResults(ctx context.Context, cl WeCom, msgID, userID string) ([]*wecom.GroupMsgSend, error) {
	var out []*wecom.GroupMsgSend
	cursor := ""
	for {
		page, next, err := cl.GroupMsgSendResults(ctx, msgID, userID, cursor, 1000)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if next == "" {
			return out, nil
		}
		cursor = next
	}
}
