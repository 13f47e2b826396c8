package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/referral"
)

// MiniReferrals is the consumer side of referral campaigns (app/referral):
// everything is asked as the session's consumer, never as an id the
// client sent.
type MiniReferrals interface {
	FindCampaign(ctx context.Context, corpID, id int64) (*app.ReferralCampaign, error)
	Join(ctx context.Context, who referral.Consumer, id int64) (*app.ReferralParticipant, *app.ReferralCampaign, error)
	Scan(ctx context.Context, who referral.Consumer, scene string) (*app.ReferralParticipant, *app.ReferralCampaign, error)
	Share(ctx context.Context, who referral.Consumer, id int64) error
	ProgressOf(ctx context.Context, who referral.Consumer, id int64) (*referral.Progress, error)
	Poster(ctx context.Context, who referral.Consumer, id int64, avatar []byte) ([]byte, *app.ReferralParticipant, error)
}

// miniReferralRoutes are a consumer's referral campaigns: the campaign
// page, joining (their code and poster), a friend's scan, shares and
// progress.
func (s *server) miniReferralRoutes(g *gin.RouterGroup) {
	g.GET("/referrals/:id", s.miniReferral)
	g.POST("/referrals/:id/join", s.miniReferralJoin)
	g.GET("/referrals/:id/poster.png", s.miniReferralPoster)
	g.POST("/referrals/:id/poster.png", s.miniReferralPoster)
	g.POST("/referrals/scan", s.miniReferralScan)
	g.POST("/referrals/:id/share", s.miniReferralShare)
	g.GET("/referrals/:id/progress", s.miniReferralProgress)
	g.GET("/members/:member/referrals/:id/progress", s.miniMemberReferralProgress)
}

// consumer is who the session says is asking.
func (s *server) consumer(c *gin.Context) referral.Consumer {
	ms := MiniSession(c)
	who := referral.Consumer{CorpID: ms.CorpID, UnionID: ms.UnionID, OpenID: ms.OpenID}
	if ms.MemberID > 0 {
		id := ms.MemberID
		who.MemberID = &id
	}
	return who
}

// namedConsumer is the consumer with their member's name, for what shows
// it (their participation, their poster).
func (s *server) namedConsumer(c *gin.Context) referral.Consumer {
	who := s.consumer(c)
	if who.MemberID != nil {
		if m, err := s.d.Mini.Member(c.Request.Context(), MiniSession(c), *who.MemberID); err == nil {
			who.Name = m.Name
		}
	}
	return who
}

// campaignParam reads :id; anything else is a campaign that does not exist.
func (s *server) campaignParam(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		Error(c, s.d.Log, app.Errorf(app.ENOTFOUND, "活动不存在"))
		return 0, false
	}
	return id, true
}

// referralJSON is a campaign as a consumer sees it.
type referralJSON struct {
	ID       int64      `json:"id"`
	Name     string     `json:"name"`
	Title    string     `json:"title"`
	Kind     string     `json:"kind"`
	StartsAt time.Time  `json:"starts_at"`
	EndsAt   time.Time  `json:"ends_at"`
	Open     bool       `json:"open"`
	QRCode   string     `json:"qr_code,omitempty"`
	Tiers    []tierJSON `json:"tiers"`
}

// tierJSON is a reward tier, with the consumer's standing when asked.
type tierJSON struct {
	Helps   int    `json:"helps"`
	Name    string `json:"name"`
	Reached bool   `json:"reached"`
	Status  string `json:"status,omitempty"`
	Detail  string `json:"detail,omitempty"`
}

func toReferralJSON(c *app.ReferralCampaign) referralJSON {
	v := referralJSON{ID: c.ID, Name: c.Name, Title: c.Title, Kind: c.Kind, QRCode: c.QRCode, StartsAt: c.StartsAt.UTC(),
		EndsAt: c.EndsAt.UTC(), Open: c.Status == app.ReferralActive && c.Open(time.Now())}
	for _, t := range c.Tiers {
		v.Tiers = append(v.Tiers, tierJSON{Helps: t.Helps, Name: t.Name})
	}
	return v
}

func (s *server) miniReferral(c *gin.Context) {
	id, ok := s.campaignParam(c)
	if !ok {
		return
	}
	camp, err := s.d.MiniReferrals.FindCampaign(c.Request.Context(), MiniSession(c).CorpID, id)
	if err == nil && camp.Status == app.ReferralCreating {
		err = app.Errorf(app.ENOTFOUND, "活动不存在")
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toReferralJSON(camp))
}
