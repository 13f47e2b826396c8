package api

import (
	"context"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// auditReferral records a campaign created (old nil) or edited, or its
// state changed (action names which), by the signed-in user.
func (s *server) auditReferral(c *gin.Context, action string, rc *app.ReferralCampaign, old *app.ReferralCampaign) error {
	if action == "referral.update" && old == nil {
		action = "referral.create"
	}
	detail := map[string]any{"name": rc.Name, "kind": rc.Kind, "status": rc.Status, "starts_at": rc.StartsAt, "ends_at": rc.EndsAt,
		"tiers": len(rc.Tiers), "hold_hours": rc.HoldHours}
	if old != nil && old.Name != rc.Name {
		detail["old_name"] = old.Name
	}
	return s.recordReferral(c, action, "referral_campaign", rc.ID, detail)
}

// recordReferral writes one audit entry of the referral pages.
func (s *server) recordReferral(c *gin.Context, action, target string, id any, detail map[string]any) error {
	if s.d.Audit == nil {
		return nil
	}
	p := caller(c)
	return s.d.Audit.Record(c.Request.Context(), app.AuditChange{CorpID: p.CorpID, Actor: p.Actor, Action: action, TargetType: target,
		TargetID: id, Detail: detail})
}

// referralNamer names a campaign in the audit log, with its page.
func (s *server) referralNamer(ctx context.Context, corpID int64, id string) (objectName, error) {
	if s.d.Referrals == nil {
		return objectName{}, errNoSuchObject
	}
	n, _ := strconv.ParseInt(id, 10, 64)
	rc, err := s.d.Referrals.FindCampaign(ctx, corpID, n)
	if err != nil {
		return objectName{}, err
	}
	return objectName{Name: rc.Name, Link: "/console/referrals/" + id}, nil
}
