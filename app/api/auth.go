package api

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// SessionCookie carries a console session for pages in a browser.
const SessionCookie = "siyu_session"

const principalKey = "siyu.principal"

// deployment is who the deployment's own token (security.api_token) acts
// as: an admin of every corp, as it was before console users existed.
var deployment = app.Principal{Role: app.RoleAdmin, Actor: "deployment", Name: "security.api_token"}

// authenticate lets a request through with "Authorization: Bearer <token>"
// naming the deployment token, a corp's API token or a session, or with a
// session cookie. Nothing gets through by omission: with no credential
// configured or given, the answer is 401. The deployment token is compared
// as hashes in constant time, so not even its length leaks.
func (s *server) authenticate(c *gin.Context) {
	cred, fromCookie := credential(c)
	p, err := s.principal(c, cred)
	if err == nil && fromCookie && !safeMethod(c.Request.Method) && !sameSite(c) {
		err = app.Errorf(app.EFORBIDDEN, "拒绝来自其他站点的请求")
	}
	if err != nil {
		if app.ErrorCode(err) == app.EUNAUTHORIZED {
			c.Header("WWW-Authenticate", `Bearer realm="siyu api"`)
		}
		Error(c, s.d.Log, err)
		return
	}
	c.Set(principalKey, p)
	c.Request = c.Request.WithContext(app.WithActor(c.Request.Context(), p.Actor))
}

func (s *server) principal(c *gin.Context, cred string) (*app.Principal, error) {
	want := sha256.Sum256([]byte(s.d.APIToken))
	got := sha256.Sum256([]byte(cred))
	switch {
	case s.d.APIToken != "" && cred != "" && subtle.ConstantTimeCompare(got[:], want[:]) == 1:
		p := deployment
		return &p, nil
	case cred != "" && s.d.Auth != nil:
		return s.d.Auth.Authenticate(c.Request.Context(), cred)
	case s.d.APIToken == "" && s.d.Auth == nil:
		return nil, app.Errorf(app.EUNAUTHORIZED, "API 未启用：未配置 security.api_token")
	}
	return nil, app.Errorf(app.EUNAUTHORIZED, "需要登录或有效的 API 令牌（Authorization: Bearer <token>）")
}

// credential returns the bearer token, or else the session cookie.
func credential(c *gin.Context) (cred string, fromCookie bool) {
	if h := c.GetHeader("Authorization"); h != "" {
		got, _ := strings.CutPrefix(h, "Bearer ")
		if got == h {
			return "", false // another scheme: refused, never read as a token
		}
		return strings.TrimSpace(got), false
	}
	if v, err := c.Cookie(SessionCookie); err == nil && v != "" {
		return v, true
	}
	return "", false
}

func safeMethod(m string) bool { return m == "GET" || m == "HEAD" || m == "OPTIONS" }

// sameSite is true when a browser says the request comes from a page of
// this host. A write carried by the session cookie needs it, so a page on
// another site cannot act with a signed-in user's cookie (SameSite=Strict
// is the first guard, this the second).
func sameSite(c *gin.Context) bool {
	u, err := url.Parse(c.GetHeader("Origin"))
	return err == nil && u.Host != "" && u.Host == c.Request.Host
}

// caller is the principal authenticate found.
func caller(c *gin.Context) *app.Principal {
	p, _ := c.Get(principalKey)
	return p.(*app.Principal)
}

// allow lets through callers whose role is at least min.
func (s *server) allow(min string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if !app.RoleAtLeast(caller(c).Role, min) {
			Error(c, s.d.Log, app.Errorf(app.EFORBIDDEN, "当前角色（%s）无权执行此操作", caller(c).Role))
		}
	}
}

// readOnly refuses every change by an analyst, whatever the route: the
// role reads the whole corp and writes nothing.
func (s *server) readOnly(c *gin.Context) {
	if !safeMethod(c.Request.Method) && app.ReadOnly(caller(c).Role) {
		Error(c, s.d.Log, app.Errorf(app.EFORBIDDEN, "分析师角色只读，不能修改数据"))
	}
}
