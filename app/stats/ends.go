package stats

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// OnEnded records a relation's end, once per event (the "stats.end"
// subscriber of del_follow_user and del_external_contact): by the
// customer when they deleted the guide (流失), by the guide when the guide
// deleted them, under the store of the guide's binding now. An on-job
// transfer's deletion ends nothing: the customer moved to another guide.
func (s *Service) OnEnded(ctx context.Context, e *app.InboxEvent) error {
	ev, err := wecom.ParseEvent([]byte(e.Payload))
	if err != nil {
		return err
	}
	end := app.ContactEnd{CorpID: e.CorpID, EventKey: e.DedupeKey, At: e.EventTime}
	switch v := ev.(type) {
	case wecom.FollowUserDeleted:
		end.UserID, end.ExternalUserID, end.EndedBy = v.UserID, v.ExternalUserID, app.EndedByCustomer
	case wecom.ContactDeleted:
		if v.Source == "DELETE_BY_TRANSFER" {
			return nil
		}
		end.UserID, end.ExternalUserID, end.EndedBy = v.UserID, v.ExternalUserID, app.EndedByGuide
	default:
		return nil
	}
	if end.At.IsZero() {
		end.At = e.ReceivedAt
	}
	gs, err := s.Guides.GuidesByUserID(ctx, e.CorpID, []string{end.UserID})
	if err != nil {
		return err
	}
	end.StoreID = gs[end.UserID].StoreID
	_, err = s.Aggregates.RecordContactEnd(ctx, end)
	return err
}
