package remind

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// OnFollowUserDeleted is the reminder capability's subscriber to a
// customer deleting their guide (del_follow_user,
// wecom.KindFollowUserDeleted): the guide gets a churn task (流失提醒),
// once per event however often it is delivered, which the next sweep
// puts in the guide's reminder.
func (s *Service) OnFollowUserDeleted(ctx context.Context, e *app.InboxEvent) error {
	ev, ok, err := wecom.ParseAs[wecom.FollowUserDeleted](e.Payload)
	if err != nil || !ok {
		return err
	}
	_, err = s.Tasks.CreateTask(ctx, &app.GuideTask{CorpID: e.CorpID, UserID: ev.UserID, ExternalUserID: ev.ExternalUserID,
		Kind: app.TaskChurn, Title: "客户已将你删除，请了解流失原因", Source: "churn:" + e.DedupeKey})
	return err
}
