package panel

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"strings"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// Cookie purposes, each signed apart (see Signer).
const (
	PurposeSession = "panel-session"
	PurposeLogin   = "panel-login"
)

// LoginState is what the login cookie holds while WeCom authorizes: the
// OAuth state (so a code meant for another browser is refused), the corp
// and the page to return to.
type LoginState struct {
	State string `json:"s"`
	Corp  string `json:"c"`
	Next  string `json:"n"`
}

// ResolveCorp finds the corp a page names by WeCom corp id; with none
// named, a deployment serving a single corp means that one.
func (s *Service) ResolveCorp(ctx context.Context, weComCorp string) (*app.Corp, error) {
	if weComCorp != "" {
		return s.corps.FindCorpByCorpID(ctx, weComCorp)
	}
	corps, err := s.corps.ListCorps(ctx)
	if err != nil {
		return nil, err
	}
	if len(corps) != 1 {
		return nil, app.Errorf(app.EINVALID, "请在地址中用 corp 参数指明企业")
	}
	return corps[0], nil
}

// BeginLogin returns the WeCom authorize URL that comes back to
// redirectURI, and the state to bind to the browser's cookie. next is
// kept only if it is a panel page, so the login is no open redirect.
func (s *Service) BeginLogin(ctx context.Context, weComCorp, redirectURI, next string) (string, LoginState, error) {
	corp, err := s.ResolveCorp(ctx, weComCorp)
	if err != nil {
		return "", LoginState{}, err
	}
	if corp.AgentID == "" {
		return "", LoginState{}, app.Errorf(app.EINVALID, "企业未配置自建应用的 AgentId，无法登录侧边栏")
	}
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	st := LoginState{State: hex.EncodeToString(b), Corp: corp.CorpID, Next: SafeNext(next)}
	return wecom.OAuthURL(s.cfg.AuthorizeURL, corp.CorpID, corp.AgentID, redirectURI, st.State), st, nil
}

// FinishLogin checks the state WeCom sent back against the cookie's and
// exchanges the code for the member.
func (s *Service) FinishLogin(ctx context.Context, st LoginState, state, code string) (app.PanelViewer, error) {
	if st.State == "" || subtle.ConstantTimeCompare([]byte(st.State), []byte(state)) != 1 {
		return app.PanelViewer{}, app.Errorf(app.EUNAUTHORIZED, "登录请求已失效或不是从本浏览器发起，请重新登录")
	}
	corp, err := s.corps.FindCorpByCorpID(ctx, st.Corp)
	if err != nil {
		return app.PanelViewer{}, err
	}
	client, err := s.clients.AppClient(ctx, corp.ID)
	if err != nil {
		return app.PanelViewer{}, err
	}
	userID, err := client.UserIDFromCode(ctx, code)
	if err != nil {
		return app.PanelViewer{}, err
	}
	return app.PanelViewer{CorpID: corp.ID, WeComCorp: corp.CorpID, UserID: userID}, nil
}

// SafeNext keeps a return path only when it is a panel page on this site.
func SafeNext(next string) string {
	if !strings.HasPrefix(next, "/panel/") || strings.ContainsAny(next, "\\\r\n") || strings.HasPrefix(next, "//") {
		return "/panel/customer"
	}
	return next
}
