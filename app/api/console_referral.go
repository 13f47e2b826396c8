package api

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// ReferralCampaigns creates, changes and reads referral campaigns
// (app/referral).
type ReferralCampaigns interface {
	CreateCampaign(ctx context.Context, c *app.ReferralCampaign) error
	UpdateCampaign(ctx context.Context, c *app.ReferralCampaign) error
	SetStatus(ctx context.Context, corpID, id int64, status string) (*app.ReferralCampaign, error)
	FindCampaign(ctx context.Context, corpID, id int64) (*app.ReferralCampaign, error)
	ListCampaigns(ctx context.Context, corpID int64, p app.Page) ([]app.ReferralCampaign, int64, error)
	// ValidateCampaign checks a campaign's settings without saving.
	ValidateCampaign(c *app.ReferralCampaign) error
	// PreviewPoster draws the campaign's poster with a sample code.
	PreviewPoster(ctx context.Context, corpID, id int64) ([]byte, error)
}

// ReferralReports reads a campaign's figures, participants and helps, and
// decides the helps held for review.
type ReferralReports interface {
	Figures(ctx context.Context, corpID, campaignID int64) (*app.ReferralBreakdown, error)
	ListParticipants(ctx context.Context, corpID, campaignID int64, p app.Page) ([]app.ReferralParticipant, int64, error)
	ListHelps(ctx context.Context, f app.ReferralHelpFilter) ([]app.ReferralHelp, int64, error)
	FindParticipant(ctx context.Context, corpID, id int64) (*app.ReferralParticipant, error)
	Decide(ctx context.Context, corpID, helpID int64, decision string) (*app.ReferralHelp, error)
	TierRewards(ctx context.Context, corpID, participantID int64) ([]app.ReferralTierReward, error)
}

// ReferralBlacklist keeps the corp's referral blacklist.
type ReferralBlacklist interface {
	Blacklist(ctx context.Context, corpID int64, unionids []string, reason, by string) error
	Unblacklist(ctx context.Context, corpID int64, unionid string) error
	ListBlacklist(ctx context.Context, corpID int64, p app.Page) ([]app.ReferralBlacklisted, int64, error)
}

// Referrals is the referral capability as the console uses it.
type Referrals interface {
	ReferralCampaigns
	ReferralReports
	ReferralBlacklist
}

// referralPageSize is the rows of one page of campaigns, participants,
// helps or the blacklist.
const referralPageSize = 20

// referralKindNames are the campaign kinds in Chinese.
var referralKindNames = map[string]string{app.ReferralFriend: "任务宝", app.ReferralGroup: "群裂变"}

// referralStatusNames are campaign states in Chinese.
var referralStatusNames = map[string]string{app.ReferralCreating: "创建中", app.ReferralActive: "进行中",
	app.ReferralPaused: "已暂停", app.ReferralEnded: "已结束"}

// referralRow is a campaign as the list shows it.
type referralRow struct {
	app.ReferralCampaign
	KindName, StatusName string
	Participants         int64
	Credited             int64
}

// referralsView is the campaign list: a page, and the link to the next.
type referralsView struct {
	Rows        []referralRow
	First       bool
	Next, Total string
}

// referralRoles read 裂变活动: a campaign's helps name customers of every
// store, so a store manager (whose pages show their own store's) does not.
var referralRoles = []string{app.RoleAdmin, app.RoleOperator, app.RoleAnalyst}

// referralPageRoutes serves 裂变活动: admins, operators and analysts read
// campaigns, their figures and helps; operators and admins create, edit,
// pause, resume and end them, decide helps held for review and keep the
// blacklist.
func (s *server) referralPageRoutes(g *gin.RouterGroup) {
	g = g.Group("", s.consoleOnly(referralRoles...))
	w := g.Group("", s.consoleAllow(app.RoleOperator))
	g.GET("/referrals", s.referralsPage)
	w.GET("/referrals/new", s.referralFormPage)
	w.POST("/referrals/new", s.saveReferralForm)
	g.GET("/referrals/blacklist", s.referralBlacklistPage)
	w.POST("/referrals/blacklist", s.addReferralBlacklist)
	w.POST("/referrals/blacklist/remove", s.removeReferralBlacklist)
	g.GET("/referrals/:id", s.referralPage)
	g.GET("/referrals/:id/poster.png", s.referralPoster)
	w.GET("/referrals/:id/edit", s.referralFormPage)
	w.POST("/referrals/:id/edit", s.saveReferralForm)
	w.POST("/referrals/:id/status", s.setReferralStatus)
	w.POST("/referrals/:id/helps/:help/decide", s.decideReferralHelp)
}

func (s *server) referralsPage(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	after, _ := strconv.ParseInt(c.Query("after"), 10, 64)
	cs, total, err := s.d.Referrals.ListCampaigns(ctx, corpID, app.Page{After: after, Limit: referralPageSize})
	v := referralsView{First: after == 0, Total: strconv.FormatInt(total, 10)}
	now := time.Now()
	for i := 0; err == nil && i < len(cs); i++ {
		var f *app.ReferralBreakdown
		if f, err = s.d.Referrals.Figures(ctx, corpID, cs[i].ID); err == nil {
			v.Rows = append(v.Rows, referralRow{ReferralCampaign: cs[i], KindName: referralKindNames[cs[i].Kind],
				StatusName: referralStatusName(&cs[i], now), Participants: f.Total.Participants, Credited: f.Total.Credited})
		}
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	if len(cs) == referralPageSize {
		v.Next = "/console/referrals?after=" + strconv.FormatInt(cs[len(cs)-1].ID, 10)
	}
	s.render(c, http.StatusOK, "console_referrals.html", s.view(c, "裂变活动", "referrals", v))
}

// referralStatusName is a campaign's state as people read it: a running
// campaign outside its window says whether it has yet to start or is over.
func referralStatusName(rc *app.ReferralCampaign, now time.Time) string {
	if rc.Status == app.ReferralActive && now.Before(rc.StartsAt) {
		return "未开始"
	}
	if (rc.Status == app.ReferralActive || rc.Status == app.ReferralPaused) && !now.Before(rc.EndsAt) {
		return "已到期"
	}
	return referralStatusNames[rc.Status]
}

// consoleOnly lets only roles through.
func (s *server) consoleOnly(roles ...string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if r := caller(c).Role; !slices.Contains(roles, r) {
			s.consoleError(c, app.Errorf(app.EFORBIDDEN, "当前角色（%s）无权查看此页面", app.RoleNames[r]))
		}
	}
}
