package digest

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// resendAfter is how long a claimed digest never tried belongs to the run
// that claimed it; after that the run is taken for gone.
const resendAfter = 2 * time.Minute

// resendLimit bounds the digests one run sends again.
const resendLimit = 500

// dupWindow is WeCom's longest duplicate check: a digest sent again
// within it after an ambiguous failure is delivered once.
const dupWindow = 4 * 3600

// resend sends again the digests claimed but not taken by WeCom, each
// when its manager's pace admits it.
func (s *Service) resend(ctx context.Context, corp *app.Corp) error {
	ds, err := s.Store.Unsent(ctx, corp.ID, s.Now().Add(-resendAfter), resendLimit)
	errs := []error{err}
	for i := range ds {
		ok, err := s.Pace.Take(ctx, corp.ID, ds[i].UserID, s.Now())
		if err == nil && ok {
			err = s.send(ctx, &ds[i])
		}
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// statusOf is the digest status each message outcome is recorded as.
var statusOf = map[string]string{app.MessageSent: app.DigestSent, app.MessageRefused: app.DigestFailed, app.MessageRetry: app.DigestClaimed}

// send hands digest d to WeCom and records the outcome: sent; failed for
// good when WeCom refuses the manager; otherwise left claimed for the
// next run.
func (s *Service) send(ctx context.Context, d *app.DigestSend) error {
	m, err := s.Messengers.Messenger(ctx, d.CorpID)
	if err != nil {
		return s.Store.Mark(ctx, d.CorpID, d.ID, app.DigestClaimed, "", app.Clip(app.ErrorMessage(err), app.NoteRunes), nil)
	}
	res, err := m.SendAppMessage(ctx, message(d))
	o := res.Outcome(err, "店长不在自建应用的可见范围内，无法接收日报", s.Now())
	if mErr := s.Store.Mark(ctx, d.CorpID, d.ID, statusOf[o.Kind], o.MsgID, o.Note, o.SentAt); mErr != nil || o.Kind != app.MessageRetry {
		return mErr
	}
	return fmt.Errorf("digest %s: %w", d.UserID, err)
}

// message is digest d as WeCom takes it: a textcard linking to the
// dashboard (plain text without a link), with WeCom's duplicate check.
func message(d *app.DigestSend) wecom.AppMessage {
	m := wecom.AppMessage{ToUsers: []string{d.UserID}, Text: d.Body, DuplicateCheck: true, DuplicateInterval: dupWindow}
	if d.URL != "" {
		m.Title, m.URL, m.Button = d.Title, d.URL, "看板"
	} else {
		m.Text = d.Title + "\n" + Plain(d.Body)
	}
	return m
}

// Plain is a digest's body as text lines.
func Plain(body string) string {
	r := strings.NewReplacer(`<div class="normal">`, "", "</div>", "\n")
	return strings.TrimSpace(html.UnescapeString(r.Replace(body)))
}
