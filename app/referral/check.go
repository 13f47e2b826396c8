package referral

import "github.com/siyu-scrm/siyu/app"

// ValidateCampaign checks every field of c an operator sets, as
// CreateCampaign and UpdateCampaign do, without saving: a form reports
// what it could not read and what the rules refuse at once.
func (s *Service) ValidateCampaign(c *app.ReferralCampaign) error {
	return validate(c)
}
