package miniapp

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// Notify sends n with one unused consent of the consumer to the kind's
// template: the consent is claimed by a conditional update first, so no
// consent is ever spent twice. sent is false, without error, when the
// consumer has no consent left or WeChat refused it (43101, the consent
// then spent): the caller falls back to the progress page and the guide.
// The same key again answers the first outcome; while that send is still
// in flight, an unavailable error asks the caller to retry later.
func (s *Service) Notify(ctx context.Context, n app.MiniNotice) (sent bool, err error) {
	if n.Key = strings.TrimSpace(n.Key); n.Key == "" || len(n.Key) > 128 || (n.MemberID == 0 && n.OpenID == "") {
		return false, app.Errorf(app.EINVALID, "通知缺少幂等键或接收人")
	}
	if n.Kind != app.NoticeJoin && n.Kind != app.NoticeReward {
		return false, app.Errorf(app.EINVALID, "通知类型应为 join 或 reward")
	}
	done, err := s.Consents.SpentConsent(ctx, n.CorpID, n.Key)
	if err == nil {
		return s.outcome(done)
	} else if app.ErrorCode(err) != app.ENOTFOUND {
		return false, err
	}
	openIDs, err := s.openIDsOf(ctx, n)
	if err != nil {
		return false, err
	}
	apps, _, err := s.Store.ListMiniApps(ctx, n.CorpID, app.Page{Limit: app.MaxPageSize})
	if err != nil {
		return false, err
	}
	for i := range apps {
		c, err := s.claim(ctx, &apps[i], openIDs, n)
		if err != nil || c != nil {
			return s.deliver(ctx, &apps[i], c, n, err)
		}
	}
	return s.none(ctx, n)
}

// none is a notice that found no consent to claim: unless a copy of it
// claimed one meanwhile, not sent.
func (s *Service) none(ctx context.Context, n app.MiniNotice) (bool, error) {
	done, err := s.Consents.SpentConsent(ctx, n.CorpID, n.Key)
	switch {
	case err == nil:
		return s.outcome(done)
	case app.ErrorCode(err) == app.ENOTFOUND:
		return false, nil
	}
	return false, err
}

// openIDsOf are the openids n reaches: its own, else every openid of its
// member (following merges: a merged record's openids move to the
// survivor, and its consents with them).
func (s *Service) openIDsOf(ctx context.Context, n app.MiniNotice) ([]string, error) {
	if n.OpenID != "" {
		return []string{n.OpenID}, nil
	}
	m, err := s.Members.Find(ctx, n.CorpID, n.MemberID)
	if err != nil {
		return nil, err
	}
	keys, err := s.Members.IdentitiesOf(ctx, n.CorpID, m.ID)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, k := range keys {
		if k.Kind == app.KeyOpenID {
			out = append(out, k.Value)
		}
	}
	return out, nil
}

// claim spends an unused consent of a's template for n; nil when none.
func (s *Service) claim(ctx context.Context, a *app.MiniApp, openIDs []string, n app.MiniNotice) (*app.MiniConsent, error) {
	tpl := a.Template(n.Kind)
	if tpl == "" {
		return nil, nil
	}
	want := app.MiniConsent{CorpID: a.CorpID, AppID: a.ID, TemplateID: tpl}
	c, err := s.Consents.ClaimConsent(ctx, want, openIDs, n.Key, s.Now())
	if app.ErrorCode(err) == app.ECONFLICT { // the same notice, concurrently: it has the consent
		done, err := s.Consents.SpentConsent(ctx, n.CorpID, n.Key)
		if err != nil {
			return nil, err
		}
		return nil, errSpent{done}
	}
	return c, err
}

// errSpent is a notice whose key already spent a consent.
type errSpent struct{ c *app.MiniConsent }

func (e errSpent) Error() string { return "notice already spent a consent" }

// deliver sends n with consent c and records the outcome.
func (s *Service) deliver(ctx context.Context, a *app.MiniApp, c *app.MiniConsent, n app.MiniNotice, err error) (bool, error) {
	var spent errSpent
	if errors.As(err, &spent) {
		return s.outcome(spent.c)
	} else if err != nil {
		return false, err
	}
	err = s.send(ctx, a, c, n)
	switch {
	case errors.Is(err, wecom.ErrNotSubscribed):
		s.Log.InfoContext(ctx, "subscribe notice refused: consent spent", "corp", a.CorpID, "kind", n.Kind, "consent", c.ID)
		return false, s.Consents.FinishConsent(ctx, c.CorpID, c.ID, false) // stays spent, unsent
	case err != nil:
		if rerr := s.Consents.ReleaseConsent(ctx, c.CorpID, c.ID); rerr != nil {
			s.Log.ErrorContext(ctx, "release consent", "consent", c.ID, "err", rerr)
		}
		return false, err
	}
	return true, s.Consents.FinishConsent(ctx, c.CorpID, c.ID, true)
}

// inFlight is how long a notice's send may take: a retry of it meanwhile
// is asked to come back later; after it, a send never settled (the
// process died mid-send) counts as not sent.
const inFlight = time.Minute

// outcome is what a notice whose key spent consent c reports.
func (s *Service) outcome(c *app.MiniConsent) (bool, error) {
	switch {
	case c.Settled:
		return c.Sent, nil
	case c.SpentAt != nil && s.Now().Sub(*c.SpentAt) < inFlight:
		return false, app.Errorf(app.EUNAVAILABLE, "该通知正在发送，请稍后重试")
	}
	return false, nil
}

// send is the subscribe message of c's template to c's openid.
func (s *Service) send(ctx context.Context, a *app.MiniApp, c *app.MiniConsent, n app.MiniNotice) error {
	client, err := s.Clients.Client(ctx, a.CorpID, a.ID)
	if err != nil {
		return err
	}
	page := n.Page
	if page == "" {
		page = a.CampaignPage
	}
	return client.SendSubscribe(ctx, wecom.SubscribeMessage{ToUser: c.OpenID, TemplateID: c.TemplateID, Page: page, Data: n.Data})
}
