package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

type tokenJSON struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Role       string     `json:"role"`
	Prefix     string     `json:"prefix"`
	CreatedBy  string     `json:"created_by"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
	CreatedAt  time.Time  `json:"created_at"`
	// Token is the secret itself, present only in the answer to its creation.
	Token string `json:"token,omitempty"`
}

func toToken(t app.APIToken) tokenJSON {
	return tokenJSON{ID: t.ID, Name: t.Name, Role: t.Role, Prefix: t.Prefix, CreatedBy: t.CreatedBy,
		LastUsedAt: t.LastUsedAt, RevokedAt: t.RevokedAt, CreatedAt: t.CreatedAt}
}

// tokenRoutes serves a corp's API tokens (admins only, set by the caller).
func (s *server) tokenRoutes(g *gin.RouterGroup) {
	g.GET("/tokens", func(c *gin.Context) { list(s, c, s.d.Tokens.ListTokens, toToken) })
	g.POST("/tokens", s.createToken)
	g.DELETE("/tokens/:id", func(c *gin.Context) { deleteOne(s, c, s.d.Tokens.RevokeToken) })
}

// createToken makes a token and answers it, the only time it is shown.
func (s *server) createToken(c *gin.Context) {
	var in struct {
		Name string `json:"name"`
		Role string `json:"role"`
	}
	if err := bindJSON(c, &in); err != nil {
		Error(c, s.d.Log, err)
		return
	}
	t := &app.APIToken{CorpID: c.GetInt64(corpKey), Name: in.Name, Role: in.Role}
	secret, err := s.d.Tokens.CreateToken(c.Request.Context(), t)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	out := toToken(*t)
	out.Token = secret
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, out)
}
