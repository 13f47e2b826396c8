package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// progressJSON is the consumer's progress: their counts and each tier.
type progressJSON struct {
	participationJSON
	Tiers []tierJSON `json:"tiers"`
}

func (s *server) miniReferralProgress(c *gin.Context) {
	id, ok := s.campaignParam(c)
	if !ok {
		return
	}
	pr, err := s.d.MiniReferrals.ProgressOf(c.Request.Context(), s.consumer(c), id)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	out := progressJSON{participationJSON: toParticipationJSON(pr.Campaign, pr.Participant)}
	for _, t := range pr.Tiers {
		out.Tiers = append(out.Tiers, tierJSON{Helps: t.Helps, Name: t.Name, Reached: t.Reached, Status: t.Status, Detail: t.Detail})
	}
	c.JSON(http.StatusOK, out)
}

// miniMemberReferralProgress is progress asked by member: a session
// reaches only its own member's.
func (s *server) miniMemberReferralProgress(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("member"), 10, 64)
	if err != nil || id <= 0 {
		Error(c, s.d.Log, app.FieldInvalid("member", "会员编号应为正整数"))
		return
	}
	if id != MiniSession(c).MemberID {
		Error(c, s.d.Log, app.Errorf(app.EFORBIDDEN, "只能查看自己的活动进度"))
		return
	}
	s.miniReferralProgress(c)
}
