package assign

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// OnAdded is assignment's subscriber to adds (wecom.KindsContactAdded):
// the owner decision, the welcome and the channel's tags, once per add
// however often it runs. Only adds that took effect reach it; one that
// lost to a newer deletion has no effect at all.
func (s *Service) OnAdded(ctx context.Context, e *app.InboxEvent) error {
	add, ok, err := wecom.ParseAs[wecom.ContactAdded](e.Payload)
	if err != nil || !ok {
		return err
	}
	_, err = s.OnboardAdd(ctx, app.CustomerAdd{CorpID: e.CorpID, UserID: add.UserID, ExternalUserID: add.ExternalUserID,
		State: add.State, WelcomeCode: add.WelcomeCode, EventKey: e.DedupeKey, At: e.EventTime, ReceivedAt: e.ReceivedAt})
	return err
}

// LatestHistory lists a customer's last limit decisions, newest first.
func (s *Service) LatestHistory(ctx context.Context, corpID int64, externalUserID string, limit int) ([]app.Assignment, error) {
	return s.Store.LatestAssignments(ctx, corpID, externalUserID, limit)
}
