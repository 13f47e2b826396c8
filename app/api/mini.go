package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/miniapp"
)

// MiniPrefix is where the mini-program's consumer API lives (JSON,
// versioned apart from the console's /api/v1).
const MiniPrefix = "/api/mini/v1"

// miniSessionKey holds the consumer's session in the gin context.
const miniSessionKey = "siyu.mini.session"

// Mini is the consumer side of the mini-program capability (app/miniapp).
type Mini interface {
	Login(ctx context.Context, appid, code string) (*miniapp.Login, error)
	Session(ctx context.Context, token string) (*app.MiniSession, error)
	Logout(ctx context.Context, token string) error
	BindPhone(ctx context.Context, token string, ms *app.MiniSession, code string) (*app.Member, error)
	Member(ctx context.Context, ms *app.MiniSession, id int64) (*app.Member, error)
	Guide(ctx context.Context, ms *app.MiniSession) (*miniapp.Guide, error)
	RecordConsents(ctx context.Context, ms *app.MiniSession, templateIDs []string, scene string) (int, error)
}

// RateLimiter counts requests per key across instances (app/kv's
// Limiter): rate-limited, with the wait, when a key has none left.
type RateLimiter interface {
	Allow(ctx context.Context, key string, perMinute, burst int) (time.Duration, error)
}

// MiniSession is the consumer's session of a request that passed the
// mini-program's session middleware, nil on any other: route files under
// MiniPrefix read the corp, member, openid and unionid from it.
func MiniSession(c *gin.Context) *app.MiniSession {
	ms, _ := c.Get(miniSessionKey)
	s, _ := ms.(*app.MiniSession)
	return s
}

// miniRoutes serves the consumer API: login is open (limited per IP),
// every other route needs a session (limited per openid too). A
// capability adding consumer routes writes them in a file of its own,
// taking the session group (g: session required, limits applied) and
// reading MiniSession(c), and registers them here after
// miniSessionRoutes, as `if s.d.X != nil { s.xMiniRoutes(g) }`.
func (s *server) miniRoutes(r gin.IRouter) {
	if s.d.MiniLimits == (MiniLimits{}) {
		s.d.MiniLimits = DefaultMiniLimits()
	}
	m := r.Group(MiniPrefix, s.miniLimit("ip", s.d.MiniLimits.PerIP, clientIP))
	m.POST("/login", s.miniLimit("login", s.d.MiniLimits.LoginPerIP, clientIP), s.miniLogin)
	g := m.Group("", s.miniAuth, s.miniLimit("openid", s.d.MiniLimits.PerOpenID, sessionOpenID))
	s.miniSessionRoutes(g)
	if s.d.MiniReferrals != nil {
		s.miniReferralRoutes(g)
	}
}

// miniSessionRoutes are the routes of a consumer's own data.
func (s *server) miniSessionRoutes(g *gin.RouterGroup) {
	g.POST("/logout", s.miniLogout)
	g.POST("/phone", s.miniPhone)
	g.GET("/me", s.miniMe)
	g.GET("/me/guide", s.miniGuide)
	g.GET("/members/:member", s.miniMember)
	g.POST("/consents", s.miniConsents)
}

// miniAuth admits a request carrying a live session's token
// (Authorization: Bearer) and keeps the session for the handlers.
func (s *server) miniAuth(c *gin.Context) {
	tok, _ := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
	ms, err := s.d.Mini.Session(c.Request.Context(), strings.TrimSpace(tok))
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.Set(miniSessionKey, ms)
	c.Set(miniTokenKey, strings.TrimSpace(tok))
}

// miniTokenKey holds the session's token, for a handler that moves the
// session (phone binding).
const miniTokenKey = "siyu.mini.token"

// miniLimit refuses with 429 a request whose key (of by) spent its limit.
func (s *server) miniLimit(name string, lim MiniLimit, by func(*gin.Context) string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if s.d.Limiter == nil || lim.PerMinute <= 0 {
			return
		}
		wait, err := s.d.Limiter.Allow(c.Request.Context(), "mini:"+name+":"+by(c), lim.PerMinute, lim.Burst)
		if err != nil {
			if wait > 0 {
				c.Header("Retry-After", strconv.FormatInt(int64(wait/time.Second)+1, 10))
			}
			Error(c, s.d.Log, err)
		}
	}
}

func clientIP(c *gin.Context) string { return c.ClientIP() }

func sessionOpenID(c *gin.Context) string {
	ms := MiniSession(c)
	return strconv.FormatInt(ms.AppID, 10) + ":" + ms.OpenID
}

// MiniLimit is how many requests a key may make a minute, with a burst.
type MiniLimit struct{ PerMinute, Burst int }

// MiniLimits bound the consumer API: logins and all requests per client
// IP, session requests per openid.
type MiniLimits struct{ LoginPerIP, PerIP, PerOpenID MiniLimit }

// DefaultMiniLimits are generous for a person tapping through pages and
// tight for a script: a login every 2 seconds from one IP (bursts of 10).
func DefaultMiniLimits() MiniLimits {
	return MiniLimits{LoginPerIP: MiniLimit{30, 10}, PerIP: MiniLimit{600, 100}, PerOpenID: MiniLimit{120, 30}}
}

func (s *server) miniLogin(c *gin.Context) {
	var in struct {
		AppID string `json:"appid"`
		Code  string `json:"code"`
	}
	err := bindJSON(c, &in)
	var l *miniapp.Login
	if err == nil {
		l, err = s.d.Mini.Login(c.Request.Context(), in.AppID, in.Code)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, miniLoginJSON{Token: l.Token, ExpiresAt: l.Session.ExpiresAt, Member: toMiniMember(l.Member)})
}
