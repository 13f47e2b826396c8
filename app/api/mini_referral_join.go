package api

import (
	"errors"
	"io"
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

// maxAvatar bounds the avatar picture a consumer sends with a poster.
const maxAvatar = 1 << 20

// miniReferralPoster draws the consumer's share poster (joining first);
// a POST may carry the avatar they chose (multipart "avatar", ≤ 1 MB).
func (s *server) miniReferralPoster(c *gin.Context) {
	id, ok := s.campaignParam(c)
	if !ok {
		return
	}
	avatar, err := avatarOf(c)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	png, _, err := s.d.MiniReferrals.Poster(c.Request.Context(), s.namedConsumer(c), id, avatar)
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

// avatarOf reads the avatar file of a poster request, if any.
func avatarOf(c *gin.Context) ([]byte, error) {
	if c.Request.Method != http.MethodPost {
		return nil, nil
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxAvatar+64<<10)
	fh, err := c.FormFile("avatar")
	if errors.Is(err, http.ErrMissingFile) {
		return nil, nil
	}
	if err != nil || fh.Size > maxAvatar {
		return nil, app.FieldInvalid("avatar", "头像应为不超过 1 MB 的图片")
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxAvatar))
}
