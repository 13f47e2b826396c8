package api

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// loginCookie holds the sign-in form's CSRF token (double submit): the
// form has no session to derive one from yet.
const loginCookie = "siyu_console_login"

const consoleSecretKey = "siyu.console.secret"

type loginView struct {
	CSRF, Next, Corp, Username, Error, Notice string
	OneCorp                                   bool
}

// consoleLoginPage shows the sign-in form. With one corp registered (the
// usual deployment, the embedded demo) the corp is filled in.
func (s *server) consoleLoginPage(c *gin.Context) {
	v := loginView{Next: safeConsoleNext(c.Query("next"))}
	switch c.Query("why") {
	case "expired":
		v.Notice = "登录已过期或已在别处退出，请重新登录。"
	case "out":
		v.Notice = "已退出登录。"
	case "password":
		v.Notice = "密码已修改，请用新密码登录。"
	}
	s.renderLogin(c, http.StatusOK, v)
}

func (s *server) renderLogin(c *gin.Context, status int, v loginView) {
	if corps, err := s.d.Corps.ListCorps(c.Request.Context()); err == nil && len(corps) == 1 {
		v.OneCorp, v.Corp = true, corps[0].CorpID
	}
	v.CSRF = randomToken()
	s.setCookie(c, loginCookie, v.CSRF, time.Now().Add(time.Hour), http.SameSiteStrictMode)
	c.Header("Cache-Control", "no-store")
	c.HTML(status, "console_login.html", v)
}

// consoleLogin checks the password and opens a session. Every refusal
// reads the same, whatever was wrong (corp, user, password, disabled).
func (s *server) consoleLogin(c *gin.Context) {
	v := loginView{Next: safeConsoleNext(c.PostForm("next")), Corp: c.PostForm("corp"), Username: c.PostForm("username")}
	if want, err := c.Cookie(loginCookie); err != nil || !hmac.Equal([]byte(want), []byte(c.PostForm("_csrf"))) {
		v.Error = "登录表单已过期，请重试。"
		s.renderLogin(c, http.StatusForbidden, v)
		return
	}
	in, err := s.signIn(c.Request.Context(), v.Corp, v.Username, c.PostForm("password"))
	if err != nil {
		v.Error = app.ErrorMessage(err)
		s.renderLogin(c, StatusOf(app.ErrorCode(err)), v)
		return
	}
	s.setCookie(c, loginCookie, "", time.Unix(0, 0), http.SameSiteStrictMode)
	s.setCookie(c, ConsoleCookie, in.Token, in.ExpiresAt, http.SameSiteLaxMode)
	c.Redirect(http.StatusSeeOther, v.Next)
}

func (s *server) signIn(ctx context.Context, corpID, username, password string) (*app.SignIn, error) {
	corp, err := s.d.Corps.FindCorpByCorpID(ctx, strings.TrimSpace(corpID))
	if app.ErrorCode(err) == app.ENOTFOUND {
		return nil, app.Errorf(app.EUNAUTHORIZED, "用户名或密码错误")
	}
	if err != nil {
		return nil, err
	}
	return s.d.Auth.Login(ctx, corp.ID, strings.TrimSpace(username), password)
}

// consoleLogout ends the session and clears the cookie.
func (s *server) consoleLogout(c *gin.Context) {
	if err := s.d.Auth.Logout(c.Request.Context(), c.GetString(consoleSecretKey)); err != nil {
		s.consoleError(c, err)
		return
	}
	s.setCookie(c, ConsoleCookie, "", time.Unix(0, 0), http.SameSiteLaxMode)
	c.Redirect(http.StatusSeeOther, ConsolePath+"/login?why=out")
}

// consoleSession lets a request through with a live console session and
// sends everyone else to the sign-in page, a form post too: an expired
// session never answers JSON or a bare 401 to a person.
func (s *server) consoleSession(c *gin.Context) {
	secret, _ := c.Cookie(ConsoleCookie)
	var p *app.Principal
	var err error = app.Errorf(app.EUNAUTHORIZED, "")
	if secret != "" {
		p, err = s.d.Auth.Authenticate(c.Request.Context(), secret)
	}
	if err == nil && (p.CorpID == 0 || !strings.HasPrefix(p.Actor, "user:")) {
		err = app.Errorf(app.EUNAUTHORIZED, "")
	}
	if app.ErrorCode(err) == app.EUNAUTHORIZED {
		s.toLogin(c, secret != "")
		return
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	c.Set(principalKey, p)
	c.Set(consoleSecretKey, secret)
	c.Request = c.Request.WithContext(app.WithActor(c.Request.Context(), p.Actor))
}

// toLogin sends the browser to the sign-in page, to come back to the page
// it was on (for a form post, the page the form was on).
func (s *server) toLogin(c *gin.Context, expired bool) {
	next := c.Request.URL.RequestURI()
	if c.Request.Method != http.MethodGet {
		next = ConsolePath + "/"
		if ref, err := url.Parse(c.GetHeader("Referer")); err == nil && ref.Host == c.Request.Host {
			next = ref.RequestURI()
		}
	}
	q := url.Values{"next": {safeConsoleNext(next)}}
	if expired {
		q.Set("why", "expired")
	}
	to := ConsolePath + "/login?" + q.Encode()
	if c.GetHeader("HX-Request") != "" {
		c.Header("HX-Redirect", to)
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	c.Redirect(http.StatusSeeOther, to)
	c.Abort()
}

// safeConsoleNext keeps a return address only when it is a console page
// of this site.
func safeConsoleNext(next string) string {
	if !strings.HasPrefix(next, ConsolePath+"/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") ||
		strings.HasPrefix(next, ConsolePath+"/login") {
		return ConsolePath + "/"
	}
	return next
}

// setCookie writes a console cookie; Secure when the request came over TLS.
func (s *server) setCookie(c *gin.Context, name, value string, expires time.Time, same http.SameSite) {
	secure := c.Request.TLS != nil || c.GetHeader("X-Forwarded-Proto") == "https"
	http.SetCookie(c.Writer, &http.Cookie{Name: name, Value: value, Path: ConsolePath, Expires: expires,
		HttpOnly: true, Secure: secure, SameSite: same})
}

func randomToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// csrfFor is the CSRF token of a session: a MAC of a constant under the
// session's secret, so it needs no storage, is the same on every instance
// and dies with the session.
func csrfFor(secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("siyu console csrf"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// consoleCSRF refuses a change whose form (or htmx header) lacks the
// session's CSRF token.
func (s *server) consoleCSRF(c *gin.Context) {
	if safeMethod(c.Request.Method) {
		return
	}
	got := c.GetHeader("X-CSRF-Token")
	if got == "" {
		got = c.PostForm("_csrf")
	}
	if !hmac.Equal([]byte(got), []byte(csrfFor(c.GetString(consoleSecretKey)))) {
		s.consoleError(c, app.Errorf(app.EFORBIDDEN, "表单校验失败（缺少或错误的 CSRF 令牌）：请刷新页面后重新提交"))
	}
}

// consoleReadOnly keeps analysts from changing anything.
func (s *server) consoleReadOnly(c *gin.Context) {
	if !safeMethod(c.Request.Method) && app.ReadOnly(caller(c).Role) {
		s.consoleError(c, app.Errorf(app.EFORBIDDEN, "分析师角色只读，不能修改数据"))
	}
}

// consoleFirstPassword sends a user whose password someone else chose to
// set their own before anything else.
func (s *server) consoleFirstPassword(c *gin.Context) {
	if caller(c).MustChangePassword {
		c.Redirect(http.StatusSeeOther, ConsolePath+"/password")
		c.Abort()
	}
}
