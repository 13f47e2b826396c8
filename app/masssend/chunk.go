package masssend

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// create calls add_msg_template for a chunk held under fence, within its
// lease, and records the msgid. An answer that is lost (timeout, dropped
// connection, crash) leaves the chunk in creating: whoever finds its
// lease run out asks WeCom before creating it again.
func (s *Service) create(ctx context.Context, cl WeCom, ms *app.MassSend, c *app.MassSendChunk, fence int64, leaseUntil time.Time) error {
	exts, err := s.Store.ChunkRecipients(ctx, c)
	if err != nil {
		return err
	}
	atts, materials, err := s.attachments(ctx, ms)
	if err != nil && ((wecom.Refused(err) && app.ErrorCode(err) != app.ERATELIMITED) || app.ErrorCode(err) == app.ENOTFOUND) {
		return s.fail(ctx, c, fence, exts, err) // WeCom refuses the file, or it is gone: no retry would help
	}
	if err != nil {
		return err
	}
	req := request(ms, c.UserID, exts, atts)
	// A timeout, not the deadline itself: the lease is on the ledger's
	// clock, which tests set to WeCom's business clock.
	cctx, cancel := context.WithTimeout(ctx, leaseUntil.Sub(s.now()))
	defer cancel()
	msgID, failed, err := cl.AddMsgTemplate(cctx, req)
	if errors.Is(err, wecom.ErrInvalidMedia) && len(materials) > 0 {
		// WeCom lost an earlier upload: it created nothing, so the chunk
		// is retried once its lease runs out, uploading those again. Were
		// every material uploaded just now, the refused id is another
		// (a raw media_id) and no retry would help: the chunk fails below.
		return errors.Join(fmt.Errorf("add_msg_template refused a material's media_id: %w", err), s.Media.ForgetMedia(ctx, ms.CorpID, materials))
	}
	if err != nil {
		if wecom.Refused(err) && app.ErrorCode(err) != app.ERATELIMITED {
			return s.fail(ctx, c, fence, exts, err)
		}
		return fmt.Errorf("add_msg_template (outcome unknown, reconciled after the lease): %w", err)
	}
	return s.recordCreated(ctx, ms, c, fence, msgID, failed)
}

// fail ends a chunk WeCom refused: none of its customers got it.
func (s *Service) fail(ctx context.Context, c *app.MassSendChunk, fence int64, exts []string, refusal error) error {
	s.Log.WarnContext(ctx, "mass send: WeCom refused a chunk", "send", c.SendID, "userid", c.UserID, "chunk", c.Chunk, "err", refusal)
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.FailChunk(ctx, c, fence, app.ChunkFailed, refusal.Error(), s.now()); err != nil {
			return err
		}
		return s.Store.SetResults(ctx, c, exts, app.ResultNotIncluded, s.now())
	})
}

// recordCreated stores the msgid under fence and gives the guide a task.
func (s *Service) recordCreated(ctx context.Context, ms *app.MassSend, c *app.MassSendChunk, fence int64, msgID string, failed []string) error {
	ok, err := s.Store.RecordCreated(ctx, c, fence, msgID, failed, s.now())
	if err != nil {
		return err
	}
	if !ok {
		s.Log.ErrorContext(ctx, "mass send: chunk lost its claim before recording", "send", ms.ID, "userid", c.UserID, "chunk", c.Chunk, "msgid", msgID)
		return nil
	}
	c.MsgID, c.State = msgID, app.ChunkCreated
	return s.giveTask(ctx, ms, c)
}

// request is the add_msg_template request of a chunk.
func request(ms *app.MassSend, sender string, exts []string, atts []*wecom.Attachment) wecom.MsgTemplateRequest {
	req := wecom.MsgTemplateRequest{ChatType: ms.ChatType, Sender: sender, Text: wecom.MsgText{Content: ms.Text}, Attachments: atts}
	if ms.ChatType == app.ChatGroup {
		req.ChatIDList = exts
	} else {
		req.ExternalUserID = exts
	}
	return req
}

// giveTask gives the chunk's guide a task to send it, once (its source
// names the chunk), and keeps its id on the chunk in the same
// transaction.
func (s *Service) giveTask(ctx context.Context, ms *app.MassSend, c *app.MassSendChunk) error {
	if c.TaskID != nil {
		return nil
	}
	t := &app.GuideTask{CorpID: ms.CorpID, UserID: c.UserID, Kind: app.TaskMassSend, Content: ms.Text,
		Title:  fmt.Sprintf("确认发送群发「%s」（%d 位客户）", ms.Name, c.Size),
		Source: fmt.Sprintf("masssend:%d:%d", ms.ID, c.ID)}
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		created, err := s.Tasks.CreateTask(ctx, t)
		if err != nil {
			if app.ErrorCode(err) == app.EINVALID { // not a bound guide: WeCom still reminds them
				s.Log.WarnContext(ctx, "mass send: no guide task", "userid", c.UserID, "err", err)
				return nil
			}
			return err
		}
		if !created {
			return nil
		}
		c.TaskID = &t.ID
		return s.Store.SetChunkTask(ctx, c, t.ID)
	})
}
