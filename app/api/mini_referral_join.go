package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/referral"
)

// participationJSON is the consumer's place in a campaign: their code's
// key, their own 获客链接 when the campaign invites by link, their poster
// and their counts.
type participationJSON struct {
	Campaign   referralJSON `json:"campaign"`
	Scene      string       `json:"scene"`
	InviteLink string       `json:"invite_link,omitempty"`
	PosterURL  string       `json:"poster_url"`
	Visits     int          `json:"visits"`
	Invitees   int          `json:"invitees"`
	Held       int          `json:"held"`
	Credited   int          `json:"credited"`
	Review     int          `json:"review"`
	Voided     int          `json:"voided"`
}

func toParticipationJSON(camp *app.ReferralCampaign, p *app.ReferralParticipant) participationJSON {
	return participationJSON{Campaign: toReferralJSON(camp), Scene: p.Scene, InviteLink: referral.InviteLink(camp, p),
		PosterURL: MiniPrefix + "/referrals/" + strconv.FormatInt(camp.ID, 10) + "/poster.png",
		Visits:    p.Visits, Invitees: p.Invitees, Held: p.Held, Credited: p.Credited, Review: p.Review, Voided: p.Voided}
}

// miniReferralJoin makes the consumer a participant (once).
func (s *server) miniReferralJoin(c *gin.Context) {
	id, ok := s.campaignParam(c)
	if !ok {
		return
	}
	p, camp, err := s.d.MiniReferrals.Join(c.Request.Context(), s.namedConsumer(c), id)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toParticipationJSON(camp, p))
}

// miniReferralPoster draws the consumer's share poster (joining first).
func (s *server) miniReferralPoster(c *gin.Context) {
	id, ok := s.campaignParam(c)
	if !ok {
		return
	}
	png, _, err := s.d.MiniReferrals.Poster(c.Request.Context(), s.namedConsumer(c), id)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.Header("Cache-Control", "private, max-age=3600")
	c.Data(http.StatusOK, "image/png", png)
}

// miniReferralScan records a friend opening the campaign page through a
// participant's code: the answer is the campaign and who invited them.
func (s *server) miniReferralScan(c *gin.Context) {
	var in struct {
		Scene string `json:"scene"`
	}
	if err := bindJSON(c, &in); err != nil {
		Error(c, s.d.Log, err)
		return
	}
	p, camp, err := s.d.MiniReferrals.Scan(c.Request.Context(), s.consumer(c), in.Scene)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"campaign": toReferralJSON(camp), "inviter": gin.H{"name": p.Name}})
}

// miniReferralShare counts a share of the consumer's page.
func (s *server) miniReferralShare(c *gin.Context) {
	id, ok := s.campaignParam(c)
	if !ok {
		return
	}
	if err := s.d.MiniReferrals.Share(c.Request.Context(), s.consumer(c), id); err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.Status(http.StatusNoContent)
}
