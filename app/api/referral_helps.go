package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// setReferralStatusJSON pauses, resumes or ends a campaign.
func (s *server) setReferralStatusJSON(c *gin.Context) {
	var in struct {
		Status string `json:"status"`
	}
	id, err := idParam(c)
	if err == nil {
		err = bindJSON(c, &in)
	}
	var rc *app.ReferralCampaign
	if err == nil {
		rc, err = s.d.Referrals.SetStatus(c.Request.Context(), c.GetInt64(corpKey), id, in.Status)
	}
	if err == nil {
		err = s.auditReferral(c, referralStatusAction[in.Status], rc, rc)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, referralOut{ReferralCampaign: rc})
}

// referralStatusAction is the audit action of each state a campaign is
// put in.
var referralStatusAction = map[string]string{app.ReferralActive: "referral.resume", app.ReferralPaused: "referral.pause",
	app.ReferralEnded: "referral.end"}

// listReferralHelps pages a campaign's helps, filtered by status and void
// reason (After is an offset).
func (s *server) listReferralHelps(c *gin.Context) {
	id, err := idParam(c)
	var p app.Page
	if err == nil {
		p, err = pageOf(c)
	}
	var list []app.ReferralHelp
	var total int64
	if err == nil {
		list, total, err = s.d.Referrals.ListHelps(c.Request.Context(), app.ReferralHelpFilter{Page: p, CorpID: c.GetInt64(corpKey), CampaignID: id,
			Status: c.Query("status"), Reason: c.Query("reason")})
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	if list == nil {
		list = []app.ReferralHelp{}
	}
	var next int64
	if len(list) == app.PageLimit(p.Limit, 50) {
		next = p.After + int64(len(list))
	}
	c.JSON(http.StatusOK, totalBody{Items: list, Next: next, Total: total})
}

// decideReferralHelpJSON approves or rejects a help held for review.
func (s *server) decideReferralHelpJSON(c *gin.Context) {
	var in struct {
		Decision string `json:"decision"`
	}
	id, err := idParam(c)
	if err == nil {
		err = bindJSON(c, &in)
	}
	var h *app.ReferralHelp
	if err == nil {
		h, err = s.d.Referrals.Decide(c.Request.Context(), c.GetInt64(corpKey), id, in.Decision)
	}
	if err == nil {
		err = s.recordReferral(c, "referral.help_"+in.Decision, "referral_help", h.ID, map[string]any{"campaign_id": h.CampaignID,
			"invitee": h.InviteeUnionID})
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, h)
}
