package assign

import (
	"cmp"
	"context"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/wecom"
)

// welcome sends the channel's welcome message with the add's welcome code,
// at most once per add: the outcome is claimed before the call, and WeCom
// takes a code once, so a retry after an unknown outcome cannot send a
// second message. Without a code or a message nothing is sent, and that
// is recorded rather than retried.
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
	st := db.NewAssignStore(s.db)
	stored, err := st.ClaimWelcome(ctx, w)
	if err != nil || stored.Status != app.WelcomeSending {
		return false, err
	}
	return s.send(ctx, st, a, out, msg, stored)
}

// message is the channel's welcome, or the default one without a channel.
func (s *Service) message(ch *app.Channel) app.Welcome {
	if ch == nil {
		return s.greeting
	}
	return ch.Welcome
}

// send renders and sends the message, then records the outcome. An error
// WeCom will answer the same way again is recorded, not retried.
func (s *Service) send(ctx context.Context, st *db.AssignStore, a app.CustomerAdd, out outcome, msg app.Welcome, w *app.WelcomeSend) (bool, error) {
	text, read, err := s.render(ctx, st, a, out, msg.Text)
	if err != nil {
		return read, err
	}
	cli, err := s.clients.Client(ctx, a.CorpID)
	if err != nil {
		return read, err
	}
	req := wecom.WelcomeMsgRequest{WelcomeCode: a.WelcomeCode, Text: wecom.MsgText{Content: text}, Attachments: attachments(msg)}
	err = cli.SendWelcomeMsg(ctx, req)
	w.Content = text
	switch code := wecom.ErrCode(err); {
	case err == nil:
		now := time.Now().UTC()
		w.Status, w.SentAt = app.WelcomeSent, &now
	case code == 41050 || code == 41049 || code == 41096:
		w.Status, w.Error = app.WelcomeExpired, err.Error()
	case code == 41051 || permanentErr(err):
		w.Status, w.Error = app.WelcomeRefused, err.Error()
	default:
		return read, err
	}
	return read, st.FinishWelcome(ctx, w)
}

func permanentErr(err error) bool {
	switch app.ErrorCode(err) {
	case app.EINVALID, app.ENOTFOUND, app.EFORBIDDEN, app.ECONFLICT:
		return true
	}
	return false
}

// render fills {客户}, {导购} and {门店}. The customer's name needs their
// details; an add's read may still be queued, so it is read now.
func (s *Service) render(ctx context.Context, st *db.AssignStore, a app.CustomerAdd, out outcome, text string) (string, bool, error) {
	staff, customer, err := st.Names(ctx, a.CorpID, a.UserID, a.ExternalUserID)
	if err != nil {
		return "", false, err
	}
	read := false
	if customer == "" && strings.Contains(text, "{客户}") && s.refresh != nil {
		if err := s.refresh.RefreshCustomer(ctx, a.CorpID, a.ExternalUserID, a.At); err != nil {
			return "", false, err
		}
		if _, customer, err = st.Names(ctx, a.CorpID, a.UserID, a.ExternalUserID); err != nil {
			return "", true, err
		}
		read = true
	}
	store := ""
	if out.storeID != nil {
		if sto, err := db.NewOrgStore(s.db).FindStore(ctx, a.CorpID, *out.storeID); err == nil {
			store = sto.Name
		}
	}
	return strings.NewReplacer("{客户}", cmp.Or(customer, "您"), "{导购}", cmp.Or(staff, a.UserID), "{门店}", store).Replace(text), read, nil
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
