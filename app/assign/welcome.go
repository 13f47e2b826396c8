package assign

import (
	"context"
	"errors"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// DefaultWelcomeLease is how long a runner holds an add's welcome: long
// enough to render and send it, short enough that if the runner dies the
// next one takes over well inside WeCom's 20-second window.
const DefaultWelcomeLease = 8 * time.Second

// welcomeWindow is how long WeCom's welcome code lasts. It is counted
// from when Siyu received the add, on Siyu's clock.
const welcomeWindow = 20 * time.Second

// errWelcomeHeld answers a runner that finds another one sending the same
// welcome: it is retried, and then finds the outcome or an expired lease.
var errWelcomeHeld = app.Errorf(app.EUNAVAILABLE, "欢迎语正由另一任务发送，稍后核对")

// welcome sends the channel's welcome message with the add's welcome code,
// at most once per add. The runner first claims the add's welcome as a
// lease with a fencing value: while the lease lasts no other runner
// sends, and only the holder records the outcome. A runner that died
// leaves its lease to run out; the next one then sends, if WeCom's window
// is still open, or records it expired. Without a code or a message
// nothing is sent, and that is recorded rather than retried.
func (s *Service) welcome(ctx context.Context, a app.CustomerAdd, out outcome) (read bool, err error) {
	w := &app.WelcomeSend{CorpID: a.CorpID, EventKey: a.EventKey, UserID: a.UserID, ExternalUserID: a.ExternalUserID,
		ChannelID: channelID(out.channel), Status: app.WelcomeSending}
	msg := s.message(out.channel)
	switch {
	case a.WelcomeCode == "":
		w.Status = app.WelcomeNoCode
	case msg.Text == "" && len(msg.Attachments) == 0:
		w.Status = app.WelcomeNoTemplate
	}
	now := s.Now().UTC()
	stored, claimed, err := s.Welcomes.ClaimWelcome(ctx, w, now, s.WelcomeLease)
	switch {
	case err != nil:
		return false, err
	case !claimed && stored.Status == app.WelcomeSending:
		return false, errWelcomeHeld
	case !claimed || stored.Status != app.WelcomeSending:
		return false, nil
	case !a.ReceivedAt.IsZero() && now.After(a.ReceivedAt.Add(welcomeWindow)):
		stored.Status, stored.Error = app.WelcomeExpired, "欢迎语 code 已超过 20 秒有效期，未发送"
		return false, s.finish(ctx, stored)
	}
	return s.send(ctx, a, out, msg, stored)
}

// message is the channel's welcome, or the default one without a channel.
func (s *Service) message(ch *app.Channel) app.Welcome {
	if ch == nil {
		return s.greeting
	}
	return ch.Welcome
}

// send renders and sends the message within the lease, then records the
// outcome. An answer WeCom will give again is recorded, not retried.
func (s *Service) send(ctx context.Context, a app.CustomerAdd, out outcome, msg app.Welcome, w *app.WelcomeSend) (bool, error) {
	text, read, err := s.render(ctx, a, out, msg.Text)
	if err != nil {
		return read, err
	}
	cli, err := s.Clients.Client(ctx, a.CorpID)
	if err != nil {
		return read, err
	}
	// Past its lease another runner may take the welcome over, so this
	// call must end before it, leaving a fifth of it to record the outcome.
	callCtx, cancel := context.WithDeadline(ctx, w.LeaseUntil.Add(-s.WelcomeLease/5))
	defer cancel()
	err = cli.SendWelcomeMsg(callCtx, wecom.WelcomeMsgRequest{WelcomeCode: a.WelcomeCode, Text: wecom.MsgText{Content: text}, Attachments: attachments(msg)})
	w.Content = text
	switch {
	case err == nil:
		now := s.Now().UTC()
		w.Status, w.SentAt = app.WelcomeSent, &now
	case errors.Is(err, wecom.ErrWelcomeCodeSpent):
		w.Status, w.Error = app.WelcomeExpired, err.Error()
	case errors.Is(err, wecom.ErrAlreadyChatting) || permanentErr(err):
		w.Status, w.Error = app.WelcomeRefused, err.Error()
	default:
		return read, err
	}
	return read, s.finish(ctx, w)
}

// finish records w's outcome, and a welcome sent in the touch ledger, in
// one transaction; a runner that lost its lease meanwhile records nothing
// (the one holding it does).
func (s *Service) finish(ctx context.Context, w *app.WelcomeSend) error {
	var ok bool
	err := s.Tx.InTx(ctx, func(ctx context.Context) (err error) {
		if ok, err = s.Welcomes.FinishWelcome(ctx, w); err != nil || !ok || w.Status != app.WelcomeSent || s.Touches == nil {
			return err
		}
		return s.Touches.Record(ctx, app.Touch{CorpID: w.CorpID, Kind: app.TouchWelcome, SourceID: "welcome:" + w.EventKey,
			ExternalUserID: w.ExternalUserID, UserID: w.UserID, ChannelID: w.ChannelID, At: *w.SentAt})
	})
	if err == nil && !ok {
		s.Log.WarnContext(ctx, "welcome outcome not recorded: another runner took the add over", "event", w.EventKey, "status", w.Status)
	}
	return err
}

func permanentErr(err error) bool {
	switch app.ErrorCode(err) {
	case app.EINVALID, app.ENOTFOUND, app.EFORBIDDEN, app.ECONFLICT:
		return true
	}
	return false
}

// attachments turns a channel's attachments into WeCom's form.
func attachments(w app.Welcome) []*wecom.Attachment {
	var out []*wecom.Attachment
	for _, at := range w.Attachments {
		a := &wecom.Attachment{MsgType: at.Type}
		switch at.Type {
		case "image":
			a.Image.MediaID, a.Image.PicURL = at.MediaID, at.PicURL
		case "link":
			a.Link.Title, a.Link.PicURL, a.Link.Desc, a.Link.URL = at.Title, at.PicURL, at.Desc, at.URL
		case "miniprogram":
			a.MiniProgram.Title, a.MiniProgram.PicMediaID, a.MiniProgram.AppID, a.MiniProgram.Page = at.Title, at.MediaID, at.AppID, at.Page
		}
		out = append(out, a)
	}
	return out
}
