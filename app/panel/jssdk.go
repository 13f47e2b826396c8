package panel

import (
	"context"
	"net/url"
	"strings"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// JSConfig is what a panel page passes to ww.register: the corp and app,
// and signatures of the page's URL for the corp (config) and for the app
// (agentConfig).
type JSConfig struct {
	CorpID      string            `json:"corpId"`
	AgentID     string            `json:"agentId"`
	URL         string            `json:"url"`
	Config      wecom.JSSignature `json:"config"`
	AgentConfig wecom.JSSignature `json:"agentConfig"`
}

// JSConfig signs pageURL, the address the viewer's browser is on, which
// must lie under the public URL: signing any address would lend Siyu's
// app identity to pages elsewhere.
func (s *Service) JSConfig(ctx context.Context, v app.PanelViewer, pageURL string) (*JSConfig, error) {
	pageURL, _, _ = strings.Cut(pageURL, "#")
	if !s.underPublicURL(pageURL) {
		return nil, app.Errorf(app.EINVALID, "只能为本站的侧边栏页面签名")
	}
	corp, err := s.corps.FindCorpByID(ctx, v.CorpID)
	if err != nil {
		return nil, err
	}
	client, err := s.clients.AppClient(ctx, v.CorpID)
	if err != nil {
		return nil, err
	}
	out := &JSConfig{CorpID: corp.CorpID, AgentID: corp.AgentID, URL: pageURL}
	now := s.now()
	if out.Config, err = client.JSSign(ctx, wecom.TicketCorp, pageURL, now); err != nil {
		return nil, err
	}
	if out.AgentConfig, err = client.JSSign(ctx, wecom.TicketAgent, pageURL, now); err != nil {
		return nil, err
	}
	return out, nil
}

// underPublicURL reports whether raw has the public URL's scheme and host
// and a path within its path.
func (s *Service) underPublicURL(raw string) bool {
	u, err := url.Parse(raw)
	base, berr := url.Parse(s.cfg.PublicURL)
	if err != nil || berr != nil || u.User != nil || u.Opaque != "" {
		return false
	}
	if !strings.EqualFold(u.Scheme, base.Scheme) || !strings.EqualFold(u.Host, base.Host) {
		return false
	}
	prefix := strings.TrimRight(base.Path, "/")
	return u.Path == prefix || strings.HasPrefix(u.Path, prefix+"/")
}
