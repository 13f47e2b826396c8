package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

type loginJSON struct {
	CorpID   string `json:"corp_id"`
	Username string `json:"username"`
	Password string `json:"password"`
}

type signInJSON struct {
	Token     string    `json:"token"`
	ExpiresAt time.Time `json:"expires_at"`
	CorpID    string    `json:"corp_id"`
	Username  string    `json:"username"`
	Role      string    `json:"role"`
}

// login checks a console user's password and opens a session: the token
// comes back in the body (for scripts, as a bearer token) and as an
// HttpOnly, SameSite=Strict cookie (for console pages). An unknown corp
// gets the same answer as a wrong password.
func (s *server) login(c *gin.Context) {
	var in loginJSON
	if err := bindJSON(c, &in); err != nil {
		Error(c, s.d.Log, err)
		return
	}
	ctx := c.Request.Context()
	corp, err := s.d.Corps.FindCorpByCorpID(ctx, in.CorpID)
	if app.ErrorCode(err) == app.ENOTFOUND {
		err = app.Errorf(app.EUNAUTHORIZED, "用户名或密码错误")
	}
	var out *app.SignIn
	if err == nil {
		out, err = s.d.Auth.Login(ctx, corp.ID, in.Username, in.Password)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	s.setSession(c, out.Token, out.ExpiresAt)
	c.JSON(http.StatusOK, signInJSON{Token: out.Token, ExpiresAt: out.ExpiresAt, CorpID: corp.CorpID,
		Username: out.User.Username, Role: out.User.Role})
}

// logout ends the caller's session, whichever way it came, and clears the
// cookie. It needs no valid session: logging out twice is fine.
func (s *server) logout(c *gin.Context) {
	if cred, _ := credential(c); cred != "" {
		if err := s.d.Auth.Logout(c.Request.Context(), cred); err != nil {
			Error(c, s.d.Log, err)
			return
		}
	}
	s.setSession(c, "", time.Unix(0, 0))
	c.Status(http.StatusNoContent)
}

// setSession writes the session cookie; Secure when the request came over
// TLS (directly or through a proxy that says so).
func (s *server) setSession(c *gin.Context, token string, expires time.Time) {
	secure := c.Request.TLS != nil || c.GetHeader("X-Forwarded-Proto") == "https"
	http.SetCookie(c.Writer, &http.Cookie{Name: SessionCookie, Value: token, Path: "/", Expires: expires,
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteStrictMode})
}

// me says who the caller is: the corp (absent for the deployment token),
// role and name.
func (s *server) me(c *gin.Context) {
	p := caller(c)
	out := gin.H{"role": p.Role, "name": p.Name, "actor": p.Actor, "corp_id": nil}
	if p.CorpID != 0 {
		corp, err := s.d.Corps.FindCorpByID(c.Request.Context(), p.CorpID)
		if err != nil {
			Error(c, s.d.Log, err)
			return
		}
		out["corp_id"] = corp.CorpID
	}
	c.JSON(http.StatusOK, out)
}
