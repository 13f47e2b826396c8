package referral

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// FindParticipant returns participant id of the corp: the console names
// the inviter of each help it lists.
func (s *Service) FindParticipant(ctx context.Context, corpID, id int64) (*app.ReferralParticipant, error) {
	return s.Store.FindParticipant(ctx, corpID, id)
}
