package api

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// referralFormPage opens the campaign form: blank for a new campaign (a
// 任务宝 from the next hour for thirty days, no hold beyond a day), filled
// for :id.
func (s *server) referralFormPage(c *gin.Context) {
	zone := s.corpZone(c)
	start := time.Now().In(zone).Truncate(time.Hour).Add(time.Hour)
	f := referralForm{Kind: app.ReferralFriend, HoldHours: "24", StartsAt: start.Format(referralTimeLayout),
		EndsAt: start.AddDate(0, 0, 30).Format(referralTimeLayout)}
	if c.Param("id") != "" {
		rc, err := s.d.Referrals.FindCampaign(c.Request.Context(), caller(c).CorpID, pathID(c))
		if err != nil {
			s.consoleError(c, err)
			return
		}
		f = referralFormOf(rc, zone)
	}
	s.renderReferralForm(c, http.StatusOK, f)
}

// saveReferralForm creates or edits a campaign; a refused form comes back
// as typed with every reason by its field, what could not be read and
// what the rules refuse together.
func (s *server) saveReferralForm(c *gin.Context) {
	ctx := c.Request.Context()
	f, rc, bad := readReferralForm(c, s.corpZone(c))
	var old *app.ReferralCampaign
	var err error
	if f.ID > 0 {
		if old, err = s.d.Referrals.FindCampaign(ctx, rc.CorpID, f.ID); err != nil {
			s.consoleError(c, err)
			return
		}
		rc.Kind, rc.ChannelID, rc.ChatIDs, rc.GroupBase, rc.GroupNumber = old.Kind, old.ChannelID, old.ChatIDs, old.GroupBase, old.GroupNumber
		fixed := referralFormOf(old, time.UTC) // what an edit cannot change, shown as it is
		f.Kind, f.ChatIDs, f.Link, f.ChannelID, f.GroupBase, f.GroupNum = fixed.Kind, fixed.ChatIDs, fixed.Link, fixed.ChannelID, fixed.GroupBase, fixed.GroupNum
	}
	check := rc // validation trims and fills; the form keeps what was typed
	err = joinFields(bad, s.d.Referrals.ValidateCampaign(&check))
	switch {
	case err != nil:
	case f.ID > 0:
		err = s.d.Referrals.UpdateCampaign(ctx, &rc)
	default:
		err = s.d.Referrals.CreateCampaign(ctx, &rc)
	}
	if code := app.ErrorCode(err); code == app.EINVALID || code == app.ECONFLICT {
		f.Errors = f.rowErrors(formErrors(err))
		s.renderReferralForm(c, http.StatusBadRequest, f)
		return
	}
	if err == nil {
		err = s.auditReferral(c, "referral.update", &rc, old)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.done(c, fmt.Sprintf("/console/referrals/%d", rc.ID), fmt.Sprintf("已保存裂变活动「%s」", rc.Name))
}

// renderReferralForm shows f with its choices by name: the corp's active
// channels, live customer groups, image materials and rewards.
func (s *server) renderReferralForm(c *gin.Context, status int, f referralForm) {
	if err := s.loadReferralChoices(c, &f); err != nil {
		s.consoleError(c, err)
		return
	}
	for len(f.Tiers) < referralTierRows {
		f.Tiers = append(f.Tiers, referralTierForm{})
	}
	for i := range f.Tiers {
		f.Tiers[i].N = i + 1
	}
	title := "新建裂变活动"
	if f.ID > 0 {
		title = "编辑裂变活动"
	}
	s.render(c, status, "console_referral_form.html", s.view(c, title, "referrals", f))
}
