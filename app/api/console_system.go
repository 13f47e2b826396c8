package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// SyncStarter starts a corp's full sync now, or returns the run under way
// with started false (tasks.SyncNow).
type SyncStarter interface {
	StartSync(ctx context.Context, corpID int64) (run *app.SyncRun, started bool, err error)
}

// systemPageRoutes serves 系统 to admins: the corp, its WeCom
// connectivity check and its full syncs. Operators and the rest have no
// menu entry and are refused the URL: the check names credentials and
// starting a sync costs WeCom quota.
func (s *server) systemPageRoutes(g *gin.RouterGroup) {
	a := g.Group("", s.consoleAllow(app.RoleAdmin))
	a.GET("/system", s.systemPage)
	a.GET("/system/syncs/export", s.exportSyncs)
	if s.d.Connectivity != nil {
		a.POST("/system/check", s.checkConnectivity)
	}
	if s.d.SyncNow != nil {
		a.POST("/system/sync", s.startSync)
	}
}

// systemView is the 系统 page: the corp, the checks when just run, and a
// page of sync runs.
type systemView struct {
	Corp        *app.Corp
	Missing     []string // credentials not configured
	CallbackURL string
	Checks      []app.ConnectivityCheck // nil until the check is run
	Runs        []syncRow
	Next        string // the next page's link, "" on the last
	First       bool
	Running     *app.SyncRun // the run under way, if any
	CanCheck    bool
	CanSync     bool
}

func (s *server) systemPage(c *gin.Context) { s.renderSystem(c, nil) }

// checkConnectivity runs the checks and shows them on the page (not
// after a redirect: they are the answer to this post).
func (s *server) checkConnectivity(c *gin.Context) {
	checks, err := s.d.Connectivity.CheckConnectivity(c.Request.Context(), caller(c).CorpID)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.renderSystem(c, checks)
}

func (s *server) renderSystem(c *gin.Context, checks []app.ConnectivityCheck) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	corp, err := s.d.Corps.FindCorpByID(ctx, corpID)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	after, _ := strconv.ParseInt(c.Query("after"), 10, 64)
	v := systemView{Corp: corp, Missing: missingCredentials(corp), CallbackURL: callbackURL(c, corp.CorpID), Checks: checks,
		First: after == 0, CanCheck: s.d.Connectivity != nil, CanSync: s.d.SyncNow != nil}
	if err := s.syncRuns(ctx, corpID, after, &v); err != nil {
		s.consoleError(c, err)
		return
	}
	s.render(c, http.StatusOK, "console_system.html", s.view(c, "系统", "system", v))
}

// missingCredentials names what the corp lacks, never showing a secret.
func missingCredentials(corp *app.Corp) []string {
	var out []string
	for _, f := range []struct {
		name string
		ok   bool
	}{
		{"客户联系 Secret", corp.ContactSecret != ""}, {"自建应用 AgentId", corp.AgentID != ""},
		{"自建应用 Secret", corp.AgentSecret != ""}, {"回调 Token 与 EncodingAESKey", corp.CallbackToken != "" && corp.EncodingAESKey != ""},
	} {
		if !f.ok {
			out = append(out, f.name)
		}
	}
	return out
}

// callbackURL is the receive URL to give WeCom, as this request reached
// Siyu (behind a proxy, its forwarded scheme).
func callbackURL(c *gin.Context, corpID string) string {
	scheme := "http"
	if c.Request.TLS != nil || c.GetHeader("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host + "/wecom/callback/" + corpID
}
