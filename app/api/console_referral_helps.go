package api

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// referralHelpsView is a page of a campaign's helps, filtered by state
// and void reason, every person and store by name.
type referralHelpsView struct {
	Status, Reason    string
	Statuses, Reasons map[string]string
	Rows              []referralHelpRow
	Pages             pager
	Total             int64
}

// referralHelpRow is one help as the page shows it.
type referralHelpRow struct {
	app.ReferralHelp
	Invitee, Inviter, Guide, Store string
	StatusName, ReasonName         string
}

func (s *server) referralHelpRows(ctx context.Context, c *gin.Context, v *referralView) error {
	corpID := v.Campaign.CorpID
	hv := &v.Helps
	hv.Status, hv.Reason, hv.Statuses, hv.Reasons = c.Query("status"), c.Query("reason"), app.HelpStatusNames, app.VoidReasonNames
	page, offset := pageNumberOf(c, "hpage", referralPageSize)
	hs, total, err := s.d.Referrals.ListHelps(ctx, app.ReferralHelpFilter{Page: app.Page{After: int64(offset), Limit: referralPageSize},
		CorpID: corpID, CampaignID: v.Campaign.ID, Status: hv.Status, Reason: hv.Reason})
	if err != nil {
		return err
	}
	hv.Total, hv.Pages = total, pagerOf(c, "hpage", page, int64(offset+len(hs)) < total)
	hv.Rows, err = s.nameReferralHelps(ctx, corpID, hs)
	return err
}

// nameReferralHelps names each help's invitee (their customer name, else
// their masked unionid), inviter, guide and store.
func (s *server) nameReferralHelps(ctx context.Context, corpID int64, hs []app.ReferralHelp) ([]referralHelpRow, error) {
	var exts, users []string
	var stores []*int64
	for i := range hs {
		exts, users, stores = append(exts, hs[i].ExternalUserID), append(users, hs[i].UserID), append(stores, hs[i].StoreID)
	}
	customers, err := s.d.CustomerNames.CustomerNames(ctx, corpID, exts)
	if err != nil {
		return nil, err
	}
	people, err := s.d.Names.People(ctx, corpID, users)
	if err != nil {
		return nil, err
	}
	storeNames, err := s.d.Names.Stores(ctx, corpID, stores)
	if err != nil {
		return nil, err
	}
	inviters := map[int64]string{}
	out := make([]referralHelpRow, len(hs))
	for i, h := range hs {
		if _, ok := inviters[h.ParticipantID]; !ok {
			p, err := s.d.Referrals.FindParticipant(ctx, corpID, h.ParticipantID)
			if err != nil {
				return nil, err
			}
			inviters[h.ParticipantID] = participantName(p)
		}
		out[i] = referralHelpRow{ReferralHelp: h, Invitee: orText(customers[h.ExternalUserID], maskUnionID(h.InviteeUnionID)),
			Inviter: inviters[h.ParticipantID], Guide: orText(personName(people, h.UserID), "—"), Store: "—",
			StatusName: app.HelpStatusNames[h.Status], ReasonName: app.VoidReasonNames[h.Reason]}
		if h.StoreID != nil {
			out[i].Store = orDeleted(storeNames[*h.StoreID].Name)
		}
	}
	return out, nil
}

// decideReferralHelp approves or rejects a help held for review and goes
// back to the campaign's helps in review.
func (s *server) decideReferralHelp(c *gin.Context) {
	ctx, corpID, decision := c.Request.Context(), caller(c).CorpID, c.PostForm("decision")
	back := fmt.Sprintf("/console/referrals/%d?status=%s#helps", pathID(c), app.HelpReview)
	rc, err := s.d.Referrals.FindCampaign(ctx, corpID, pathID(c))
	var h *app.ReferralHelp
	if err == nil {
		h, err = s.referralHelpOf(ctx, rc, c.Param("help"))
	}
	if err == nil {
		h, err = s.d.Referrals.Decide(ctx, corpID, h.ID, decision)
	}
	if err == nil {
		err = s.recordReferral(c, "referral.help_"+decision, "referral_help", h.ID, map[string]any{"name": s.helpName(ctx, rc, h),
			"decision": decision, "status": h.Status})
	}
	if err != nil {
		s.failed(c, back, err)
		return
	}
	s.done(c, back, map[string]string{app.DecisionApprove: "已通过这条助力，计入邀请人的进度", app.DecisionReject: "已驳回这条助力"}[decision])
}

// helpName names a help for the audit log: its invitee and campaign.
func (s *server) helpName(ctx context.Context, rc *app.ReferralCampaign, h *app.ReferralHelp) string {
	rows, err := s.nameReferralHelps(ctx, rc.CorpID, []app.ReferralHelp{*h})
	if err != nil || len(rows) == 0 {
		return "「" + rc.Name + "」的一条助力"
	}
	return "「" + rc.Name + "」中 " + rows[0].Invitee + " 的助力"
}

// referralHelpOf is help id of campaign rc while it waits for review, not
// found when it is another campaign's (a posted form names both) or was
// decided already.
func (s *server) referralHelpOf(ctx context.Context, rc *app.ReferralCampaign, id string) (*app.ReferralHelp, error) {
	f := app.ReferralHelpFilter{Page: app.Page{Limit: app.MaxPageSize}, CorpID: rc.CorpID, CampaignID: rc.ID, Status: app.HelpReview}
	for {
		hs, _, err := s.d.Referrals.ListHelps(ctx, f)
		if err != nil {
			return nil, err
		}
		for i := range hs {
			if strconv.FormatInt(hs[i].ID, 10) == id {
				return &hs[i], nil
			}
		}
		if len(hs) < f.Limit {
			return nil, app.Errorf(app.ENOTFOUND, "这条助力不在待审核中，可能已被处理")
		}
		f.After += int64(len(hs))
	}
}

// setReferralStatus pauses, resumes or ends a campaign from its page.
func (s *server) setReferralStatus(c *gin.Context) {
	status := c.PostForm("status")
	back := fmt.Sprintf("/console/referrals/%d", pathID(c))
	action, ok := map[string]string{app.ReferralPaused: "pause", app.ReferralActive: "resume", app.ReferralEnded: "end"}[status]
	if !ok {
		s.failed(c, back, app.Errorf(app.EINVALID, "活动状态应为暂停、恢复或结束"))
		return
	}
	rc, err := s.d.Referrals.SetStatus(c.Request.Context(), caller(c).CorpID, pathID(c), status)
	if err == nil {
		err = s.auditReferral(c, "referral."+action, rc, rc)
	}
	if err != nil {
		s.failed(c, back, err)
		return
	}
	msg := map[string]string{"pause": "已暂停裂变活动「%s」：已到的好友仍会计入，但不再有新的参与者",
		"resume": "已恢复裂变活动「%s」", "end": "已结束裂变活动「%s」：考察期内的助力仍会按规则结算"}[action]
	s.done(c, back, fmt.Sprintf(msg, rc.Name))
}

// referralPoster draws the campaign's poster with a sample code.
func (s *server) referralPoster(c *gin.Context) {
	png, err := s.d.Referrals.PreviewPoster(c.Request.Context(), caller(c).CorpID, pathID(c))
	if err != nil {
		s.consoleError(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, "image/png", png)
}
