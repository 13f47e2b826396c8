package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// MiniApps is how the console's API configures the corps' mini-programs
// (app/miniapp).
type MiniApps interface {
	RegisterApp(ctx context.Context, a *app.MiniApp, brand string) error
	UpdateApp(ctx context.Context, a *app.MiniApp, brand string) error
	App(ctx context.Context, corpID, id int64) (*app.MiniApp, error)
	ListApps(ctx context.Context, corpID int64, p app.Page) ([]app.MiniApp, int64, error)
}

// miniAppRoutes serves the corp's mini-programs: reads to every role,
// changes to operators and admins.
func (s *server) miniAppRoutes(c *gin.RouterGroup) {
	w := c.Group("", s.allow(app.RoleOperator))
	ma := s.d.MiniApps
	c.GET("/mini-apps", func(c *gin.Context) { list(s, c, ma.ListApps, toMiniApp) })
	c.GET("/mini-apps/:id", func(c *gin.Context) { getOne(s, c, ma.App, toMiniApp) })
	w.POST("/mini-apps", func(c *gin.Context) { s.saveMiniApp(c, 0) })
	w.PUT("/mini-apps/:id", func(c *gin.Context) {
		id, err := idParam(c)
		if err != nil {
			Error(c, s.d.Log, err)
			return
		}
		s.saveMiniApp(c, id)
	})
}

// saveMiniApp registers a mini-program (id 0) or replaces one's settings.
func (s *server) saveMiniApp(c *gin.Context, id int64) {
	var in miniAppInput
	err := bindJSON(c, &in)
	a := &app.MiniApp{ID: id, CorpID: c.GetInt64(corpKey), AppID: in.AppID, Name: in.Name, AppSecret: in.AppSecret,
		JoinTemplate: in.JoinTemplate, RewardTemplate: in.RewardTemplate, CampaignPage: in.CampaignPage}
	status := http.StatusCreated
	switch {
	case err != nil:
	case id == 0:
		err = s.d.MiniApps.RegisterApp(c.Request.Context(), a, in.Brand)
	default:
		status = http.StatusOK
		err = s.d.MiniApps.UpdateApp(c.Request.Context(), a, in.Brand)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(status, toMiniApp(*a))
}

// miniAppInput registers or changes a mini-program: its secret goes in,
// never out.
type miniAppInput struct {
	AppID          string `json:"appid"`
	Name           string `json:"name"`
	Brand          string `json:"brand"`
	AppSecret      string `json:"app_secret"`
	JoinTemplate   string `json:"join_template"`
	RewardTemplate string `json:"reward_template"`
	CampaignPage   string `json:"campaign_page"`
}

// miniAppJSON is a mini-program as the API shows it.
type miniAppJSON struct {
	ID             int64     `json:"id"`
	AppID          string    `json:"appid"`
	Name           string    `json:"name"`
	BrandID        *int64    `json:"brand_id"`
	JoinTemplate   string    `json:"join_template"`
	RewardTemplate string    `json:"reward_template"`
	CampaignPage   string    `json:"campaign_page"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

func toMiniApp(a app.MiniApp) miniAppJSON {
	return miniAppJSON{ID: a.ID, AppID: a.AppID, Name: a.Name, BrandID: a.BrandID, JoinTemplate: a.JoinTemplate,
		RewardTemplate: a.RewardTemplate, CampaignPage: a.CampaignPage, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
}
