package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/rfm"
)

// RFM is the RFM and lifecycle capability the API serves (app/rfm): a
// brand's thresholds and stage rules, and how many members each class
// and stage holds.
type RFM interface {
	Settings(ctx context.Context, corpID, scope int64) (*app.RFMSettings, error)
	SaveSettings(ctx context.Context, corpID int64, in rfm.SettingsInput) (*app.RFMSettings, error)
	Counts(ctx context.Context, corpID, scope int64) (*app.RFMCounts, error)
}

// rfmRoutes serves the settings and the distribution: reads to every
// role, changes to operators.
func (s *server) rfmRoutes(c *gin.RouterGroup) {
	w := c.Group("", s.allow(app.RoleOperator))
	c.GET("/rfm/settings", s.rfmSettings)
	w.PUT("/rfm/settings", s.saveRFMSettings)
	c.GET("/rfm/distribution", s.rfmDistribution)
}

// rfmSettingsJSON is a scope's settings (0: the brand's median) and the
// thresholds the last full computation used.
type rfmSettingsJSON struct {
	rfm.SettingsInput
	UsedRecencyDays   int        `json:"used_recency_days"`
	UsedFrequency     int        `json:"used_frequency"`
	UsedMonetaryCents int64      `json:"used_monetary_cents"`
	SweptAt           *time.Time `json:"swept_at"`
}

func toRFMSettings(st *app.RFMSettings) rfmSettingsJSON {
	return rfmSettingsJSON{SettingsInput: rfm.SettingsInput{Scope: st.Scope, RecencyDays: st.RecencyDays, Frequency: st.Frequency,
		MonetaryCents: st.MonetaryCents, GrowthOrders: st.GrowthOrders, ActiveDays: st.ActiveDays, ChurnDays: st.ChurnDays},
		UsedRecencyDays: st.UsedRecencyDays, UsedFrequency: st.UsedFrequency, UsedMonetaryCents: st.UsedMonetaryCents, SweptAt: st.SweptAt}
}

func (s *server) rfmSettings(c *gin.Context) {
	scope, err := queryInt(c, "scope")
	var st *app.RFMSettings
	if err == nil {
		st, err = s.d.RFM.Settings(c.Request.Context(), c.GetInt64(corpKey), scope)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toRFMSettings(st))
}

func (s *server) saveRFMSettings(c *gin.Context) {
	def := app.DefaultRFMSettings(0, 0)
	in := rfm.SettingsInput{GrowthOrders: def.GrowthOrders, ActiveDays: def.ActiveDays, ChurnDays: def.ChurnDays}
	err := bindJSON(c, &in)
	var st *app.RFMSettings
	if err == nil {
		st, err = s.d.RFM.SaveSettings(c.Request.Context(), c.GetInt64(corpKey), in)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toRFMSettings(st))
}

func (s *server) rfmDistribution(c *gin.Context) {
	scope, err := queryInt(c, "scope")
	var n *app.RFMCounts
	if err == nil {
		n, err = s.d.RFM.Counts(c.Request.Context(), c.GetInt64(corpKey), scope)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"members": n.Members, "classes": n.Classes, "stages": n.Stages, "computed_at": n.ComputedAt})
}
