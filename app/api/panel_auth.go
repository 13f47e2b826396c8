package api

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/panel"
)

// panelLogin sends the browser to WeCom's OAuth with a fresh state, bound
// to this browser by a signed cookie.
func (s *server) panelLogin(c *gin.Context) {
	p := s.d.Panel
	to, st, err := p.Service.BeginLogin(c.Request.Context(), c.Query("corp"), p.Service.PublicURL()+PanelOAuthPath, c.Query("next"))
	if err != nil {
		s.panelError(c, err)
		return
	}
	cookie, err := p.Signer.Sign(panel.PurposeLogin, st, panelLoginTTL)
	if err != nil {
		s.panelError(c, err)
		return
	}
	if as := c.Query("as"); as != "" && p.LoginHintParam != "" {
		to = strings.Replace(to, "#", "&"+p.LoginHintParam+"="+url.QueryEscape(as)+"#", 1)
	}
	s.setPanelCookie(c, panelLoginCookie, cookie, int(panelLoginTTL.Seconds()))
	c.Redirect(http.StatusFound, to)
}

// panelOAuth is where WeCom returns: the state must match this browser's
// login cookie, the code is exchanged for the member, and a session
// cookie replaces the login one.
func (s *server) panelOAuth(c *gin.Context) {
	p := s.d.Panel
	var st panel.LoginState
	raw, _ := c.Cookie(panelLoginCookie)
	if err := p.Signer.Open(panel.PurposeLogin, raw, &st); err != nil {
		s.panelError(c, app.Errorf(app.EUNAUTHORIZED, "登录请求已失效或不是从本浏览器发起，请重新登录"))
		return
	}
	v, err := p.Service.FinishLogin(c.Request.Context(), st, c.Query("state"), c.Query("code"))
	if err != nil {
		s.panelError(c, err)
		return
	}
	session, err := p.Signer.Sign(panel.PurposeSession, v, p.SessionTTL)
	if err != nil {
		s.panelError(c, err)
		return
	}
	s.setPanelCookie(c, panelLoginCookie, "", -1)
	s.setPanelCookie(c, panelSessionCookie, session, int(p.SessionTTL.Seconds()))
	c.Redirect(http.StatusFound, st.Next)
}

// panelAuth admits requests with a valid session. Pages without one go to
// the login (coming back here after it); the JSON endpoints answer 401. A
// page naming another corp than the session's signs in to that one.
func (s *server) panelAuth(c *gin.Context) {
	var v app.PanelViewer
	raw, _ := c.Cookie(panelSessionCookie)
	err := s.d.Panel.Signer.Open(panel.PurposeSession, raw, &v)
	if corp := c.Query("corp"); err == nil && corp != "" && corp != v.WeComCorp {
		err = app.Errorf(app.EUNAUTHORIZED, "请重新登录该企业")
	}
	if err == nil {
		c.Set(viewerKey, v)
		return
	}
	if strings.HasPrefix(c.Request.URL.Path, "/panel/api/") || c.Request.Method != http.MethodGet {
		Error(c, s.d.Log, err)
		return
	}
	q := url.Values{"next": {c.Request.URL.RequestURI()}}
	if corp := c.Query("corp"); corp != "" {
		q.Set("corp", corp)
	}
	c.Redirect(http.StatusFound, PanelLoginPath+"?"+q.Encode())
	c.Abort()
}

func (s *server) panelLogout(c *gin.Context) {
	s.setPanelCookie(c, panelSessionCookie, "", -1)
	c.HTML(http.StatusOK, "panel_message.html", gin.H{"Title": "已退出", "Message": "已退出侧边栏登录。"})
}
