package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/panel"
)

// PanelService is the side panel's use cases.
type PanelService interface {
	BeginLogin(ctx context.Context, corp, redirectURI, next string) (string, panel.LoginState, error)
	FinishLogin(ctx context.Context, st panel.LoginState, state, code string) (app.PanelViewer, error)
	CustomerPage(ctx context.Context, v app.PanelViewer, externalUserID string) (*panel.CustomerPage, error)
	MyCustomers(ctx context.Context, v app.PanelViewer) ([]app.Customer, error)
	ViewerName(ctx context.Context, v app.PanelViewer) (string, error)
	SetTags(ctx context.Context, v app.PanelViewer, externalUserID string, want []string) (panel.TagChange, error)
	JSConfig(ctx context.Context, v app.PanelViewer, pageURL string) (*panel.JSConfig, error)
	ShareLink(ctx context.Context, v app.PanelViewer, externalUserID, target, title string) (*app.ShareLink, error)
	RecordSend(ctx context.Context, v app.PanelViewer, externalUserID, code string) error
	PublicURL() string
}

// PanelDeps configure the side panel's routes.
type PanelDeps struct {
	Service    PanelService
	Signer     *panel.Signer
	SessionTTL time.Duration
	// SecureCookies marks the cookies Secure: an https public URL.
	SecureCookies bool
	// JSSDKURL is the WeCom JS-SDK script the pages load ("" = none).
	JSSDKURL string
	// LoginHintParam, set only with the demo, passes /panel/login?as=USERID
	// to the sandbox's authorize page under this name, so a link can open
	// the panel as a chosen member (WeCom knows who is signed in; the
	// sandbox has to be told).
	LoginHintParam string
	// Tasks are the task pages (/panel/tasks, /panel/group); nil serves
	// none.
	Tasks PanelTasks
}

// Panel paths.
const (
	PanelLoginPath    = "/panel/login"
	PanelOAuthPath    = "/panel/oauth"
	PanelCustomerPath = "/panel/customer"
	PanelJSSDKPath    = "/panel/api/jssdk"
)

// Panel cookies, all scoped to /panel.
const (
	panelSessionCookie = "siyu_panel"
	panelLoginCookie   = "siyu_panel_login"
	panelFlashCookie   = "siyu_panel_flash"
	panelLoginTTL      = 10 * time.Minute
)

const viewerKey = "siyu.panel_viewer"

func (s *server) panelRoutes(r gin.IRouter) {
	r.GET(PanelLoginPath, s.panelLogin)
	r.GET(PanelOAuthPath, s.panelOAuth)
	g := r.Group("/panel", s.panelAuth)
	g.GET("/customer", s.panelCustomer)
	g.POST("/customer/tags", sameOrigin(s.d.Log), s.panelSetTags)
	g.POST("/logout", sameOrigin(s.d.Log), s.panelLogout)
	g.GET("/api/jssdk", s.panelJSSDK)
	g.POST("/api/share-links", sameOrigin(s.d.Log), s.panelShare)
	g.POST("/api/sends", sameOrigin(s.d.Log), s.panelSend)
	s.panelTaskRoutes(g)
}

// viewer is the signed-in member panelAuth found.
func viewer(c *gin.Context) app.PanelViewer {
	v, _ := c.Get(viewerKey)
	pv, _ := v.(app.PanelViewer)
	return pv
}

func (s *server) setPanelCookie(c *gin.Context, name, value string, maxAge int) {
	c.SetSameSite(http.SameSiteLaxMode)
	c.SetCookie(name, value, maxAge, "/panel", "", s.d.Panel.SecureCookies, true)
}

// panelJSSDK answers the JS-SDK signatures for the page URL the browser is
// on (?url=, without its fragment).
func (s *server) panelJSSDK(c *gin.Context) {
	cfg, err := s.d.Panel.Service.JSConfig(c.Request.Context(), viewer(c), c.Query("url"))
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, cfg)
}
