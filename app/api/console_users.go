package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/auth"
)

// usersPageRoutes serves 成员与令牌 to admins: console users (add, role,
// disable, reset password) and API tokens (create, revoke).
func (s *server) usersPageRoutes(g *gin.RouterGroup) {
	a := g.Group("", s.consoleAllow(app.RoleAdmin))
	a.GET("/users", s.usersPage)
	a.POST("/users", s.addUser)
	a.POST("/users/:id", s.updateUser)
	a.POST("/users/:id/password", s.resetPassword)
	if s.d.Tokens != nil {
		a.POST("/tokens", s.addToken)
		a.POST("/tokens/:id/revoke", s.revokeToken)
	}
}

type usersView struct {
	Users     []app.AdminUser
	Tokens    []app.APIToken
	Roles     [][2]string // value, name
	UserForm  formView
	TokenForm formView
	// Secret is a password or token just made, shown on this page once.
	Secret, SecretFor string
	RoleName          map[string]string
	Creators          map[string]string // token creator (an actor) → their name
}

var roleChoices = [][2]string{{app.RoleAdmin, "管理员"}, {app.RoleOperator, "运营"}, {app.RoleStoreManager, "店长"}, {app.RoleAnalyst, "分析师"}}

func (s *server) usersPage(c *gin.Context) { s.renderUsers(c, http.StatusOK, usersView{}) }

func (s *server) renderUsers(c *gin.Context, status int, v usersView) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	v.Roles, v.RoleName = roleChoices, app.RoleNames
	err := eachPage(func(p app.Page) (int64, error) {
		us, next, err := s.d.Accounts.ListUsers(ctx, corpID, p)
		v.Users = append(v.Users, us...)
		return next, err
	})
	if err == nil && s.d.Tokens != nil {
		err = eachPage(func(p app.Page) (int64, error) {
			ts, next, err := s.d.Tokens.ListTokens(ctx, corpID, p)
			v.Tokens = append(v.Tokens, ts...)
			return next, err
		})
	}
	if err == nil && s.d.Names != nil && len(v.Tokens) > 0 {
		actors := make([]string, len(v.Tokens))
		for i, t := range v.Tokens {
			actors[i] = t.CreatedBy
		}
		v.Creators, err = s.d.Names.Actors(ctx, corpID, actors)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	s.render(c, status, "console_users.html", s.view(c, "成员与令牌", "users", v))
}

// addUser adds a console user with a one-time password shown on the
// answer page only; they choose their own at the first sign-in.
func (s *server) addUser(c *gin.Context) {
	u := &app.AdminUser{CorpID: caller(c).CorpID, Username: c.PostForm("username"), Role: c.PostForm("role"), MustChangePassword: true}
	pw := auth.OneTimePassword()
	if err := s.d.Accounts.CreateAdmin(c.Request.Context(), u, pw); err != nil {
		s.renderUsers(c, StatusOf(app.ErrorCode(err)), usersView{UserForm: formView{Errors: formErrors(err),
			Values: map[string]string{"username": u.Username, "role": u.Role}}})
		return
	}
	s.renderUsers(c, http.StatusCreated, usersView{Secret: pw, SecretFor: "用户 " + u.Username + " 的一次性密码"})
}

// updateUser changes a user's role and whether they may sign in.
func (s *server) updateUser(c *gin.Context) {
	p := caller(c)
	id := pathID(c)
	u, err := s.d.Accounts.FindUser(c.Request.Context(), p.CorpID, id)
	if err == nil {
		err = s.d.Accounts.UpdateUser(c.Request.Context(), p.CorpID, id, *p, c.PostForm("role"), c.PostForm("disabled") != "")
	}
	if err != nil {
		s.failed(c, "/console/users", err)
		return
	}
	s.done(c, "/console/users", "已更新用户 "+u.Username)
}

// resetPassword gives a user a new one-time password, shown once; their
// sessions end.
func (s *server) resetPassword(c *gin.Context) {
	p := caller(c)
	u, err := s.d.Accounts.FindUser(c.Request.Context(), p.CorpID, pathID(c))
	pw := auth.OneTimePassword()
	if err == nil {
		err = s.d.Accounts.SetAdminPassword(c.Request.Context(), p.CorpID, u.Username, pw)
	}
	if err != nil {
		s.failed(c, "/console/users", err)
		return
	}
	s.renderUsers(c, http.StatusOK, usersView{Secret: pw, SecretFor: "用户 " + u.Username + " 的新一次性密码"})
}

// addToken makes an API token and shows it this once.
func (s *server) addToken(c *gin.Context) {
	t := &app.APIToken{CorpID: caller(c).CorpID, Name: c.PostForm("name"), Role: c.PostForm("role")}
	secret, err := s.d.Tokens.CreateToken(c.Request.Context(), t)
	if err != nil {
		s.renderUsers(c, StatusOf(app.ErrorCode(err)), usersView{TokenForm: formView{Errors: formErrors(err),
			Values: map[string]string{"name": t.Name, "role": t.Role}}})
		return
	}
	s.renderUsers(c, http.StatusCreated, usersView{Secret: secret, SecretFor: "API 令牌「" + t.Name + "」"})
}

func (s *server) revokeToken(c *gin.Context) {
	ctx, corpID, id := c.Request.Context(), caller(c).CorpID, pathID(c)
	name := "所选令牌"
	err := eachPage(func(p app.Page) (int64, error) { // the flash names the token, never its id
		ts, next, err := s.d.Tokens.ListTokens(ctx, corpID, p)
		for _, t := range ts {
			if t.ID == id {
				name = "「" + t.Name + "」"
			}
		}
		return next, err
	})
	if err == nil {
		err = s.d.Tokens.RevokeToken(ctx, corpID, id)
	}
	if err != nil {
		s.failed(c, "/console/users", err)
		return
	}
	s.done(c, "/console/users", "已吊销令牌"+name)
}
