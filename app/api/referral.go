package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// referralRoutes serves the corp's referral campaigns (裂变) as JSON:
// every role reads them, their figures and helps; operators create them,
// change their state and decide the helps held for review. The console's
// 裂变活动 pages do the same for people.
func (s *server) referralRoutes(c *gin.RouterGroup) {
	c.GET("/referrals", s.listReferrals)
	c.GET("/referrals/:id", s.getReferral)
	c.GET("/referrals/:id/helps", s.listReferralHelps)
	w := c.Group("", s.allow(app.RoleOperator))
	w.POST("/referrals", s.createReferral)
	w.POST("/referrals/:id/status", s.setReferralStatusJSON)
	w.POST("/referral-helps/:id/decision", s.decideReferralHelpJSON)
}

// referralIn is a new campaign as clients write it (times in RFC 3339).
type referralIn struct {
	Name            string             `json:"name"`
	Kind            string             `json:"kind"`
	Title           string             `json:"title"`
	StartsAt        time.Time          `json:"starts_at"`
	EndsAt          time.Time          `json:"ends_at"`
	ChannelID       *int64             `json:"channel_id"`
	Link            bool               `json:"link"`
	ChatIDs         []string           `json:"chat_ids"`
	GroupBase       string             `json:"group_base"`
	GroupNumber     int                `json:"group_number"`
	Tiers           []app.ReferralTier `json:"tiers"`
	HoldHours       int                `json:"hold_hours"`
	VelocityMax     int                `json:"velocity_max"`
	VelocityMinutes int                `json:"velocity_minutes"`
	Rules           app.ReferralRules  `json:"rules"`
	PosterID        *int64             `json:"poster_id"`
}

func (in referralIn) campaign(corpID int64, by string) *app.ReferralCampaign {
	return &app.ReferralCampaign{CorpID: corpID, Name: in.Name, Kind: in.Kind, Title: in.Title, StartsAt: in.StartsAt.UTC(), EndsAt: in.EndsAt.UTC(),
		ChannelID: in.ChannelID, Link: in.Link, ChatIDs: in.ChatIDs, GroupBase: in.GroupBase, GroupNumber: in.GroupNumber, Tiers: in.Tiers,
		HoldHours: in.HoldHours, VelocityMax: in.VelocityMax, VelocityMinutes: in.VelocityMinutes, Rules: in.Rules, PosterID: in.PosterID, CreatedBy: by}
}

// referralOut is a campaign with its figures.
type referralOut struct {
	*app.ReferralCampaign
	Figures *figuresOut `json:"figures,omitempty"`
}

// figuresOut are a campaign's figures with the ratios worked out.
type figuresOut struct {
	app.ReferralFigures
	KFactor       float64 `json:"k_factor"`
	ShareReturn   float64 `json:"share_return"`
	CostPerFriend float64 `json:"cost_per_friend_cents"`
}

func (s *server) listReferrals(c *gin.Context) {
	p, err := pageOf(c)
	var list []app.ReferralCampaign
	var total int64
	if err == nil {
		list, total, err = s.d.Referrals.ListCampaigns(c.Request.Context(), c.GetInt64(corpKey), p)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	if list == nil {
		list = []app.ReferralCampaign{}
	}
	c.JSON(http.StatusOK, totalBody{Items: list, Next: nextOf(list, p, func(r app.ReferralCampaign) int64 { return r.ID }), Total: total})
}

func (s *server) getReferral(c *gin.Context) {
	id, err := idParam(c)
	var rc *app.ReferralCampaign
	var f *app.ReferralBreakdown
	ctx, corpID := c.Request.Context(), c.GetInt64(corpKey)
	if err == nil {
		rc, err = s.d.Referrals.FindCampaign(ctx, corpID, id)
	}
	if err == nil {
		f, err = s.d.Referrals.Figures(ctx, corpID, id)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	t := f.Total
	c.JSON(http.StatusOK, referralOut{ReferralCampaign: rc, Figures: &figuresOut{ReferralFigures: t, KFactor: t.KFactor(),
		ShareReturn: t.ShareReturn(), CostPerFriend: t.CostPerFriend()}})
}

func (s *server) createReferral(c *gin.Context) {
	var in referralIn
	err := bindJSON(c, &in)
	rc := in.campaign(c.GetInt64(corpKey), caller(c).Actor)
	if err == nil {
		err = s.d.Referrals.CreateCampaign(c.Request.Context(), rc)
	}
	if err == nil {
		err = s.auditReferral(c, "referral.create", rc, nil)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusCreated, referralOut{ReferralCampaign: rc})
}
