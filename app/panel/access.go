package panel

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// Follows tells whether a member currently follows a customer.
type Follows interface {
	IsFollowing(ctx context.Context, corpID int64, userID, externalUserID string) (bool, error)
}

// FollowAccess admits a guide to the customers they follow now: an active
// relation in WeCom, as mirrored.
type FollowAccess struct{ Follows Follows }

var _ app.PanelAccess = FollowAccess{}

// MayView reports whether v follows the customer.
func (a FollowAccess) MayView(ctx context.Context, v app.PanelViewer, externalUserID string) (bool, error) {
	return a.Follows.IsFollowing(ctx, v.CorpID, v.UserID, externalUserID)
}

// AnyAccess admits whom any of its rules admits, asking them in order, so
// a store manager's rule is added beside the guide's without touching the
// handlers.
type AnyAccess []app.PanelAccess

// MayView asks each rule until one admits v.
func (rules AnyAccess) MayView(ctx context.Context, v app.PanelViewer, externalUserID string) (bool, error) {
	for _, r := range rules {
		ok, err := r.MayView(ctx, v, externalUserID)
		if ok || err != nil {
			return ok, err
		}
	}
	return false, nil
}
