package touch

import (
	"cmp"
	"context"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// OnAdded records a customer adding a guide, with the channel its state
// names: the registry hands it only adds that stand (not one older than a
// deletion already applied).
func (s *Service) OnAdded(ctx context.Context, e *app.InboxEvent) error {
	add, ok, err := wecom.ParseAs[wecom.ContactAdded](e.Payload)
	if err != nil || !ok {
		return err
	}
	t := app.Touch{CorpID: e.CorpID, Kind: app.TouchAdd, SourceID: "wecom:" + e.DedupeKey, ExternalUserID: add.ExternalUserID,
		UserID: add.UserID, State: app.Truncate(add.State, 64), At: e.EventTime}
	if add.State != "" {
		ch, err := s.Channels.FindChannelByState(ctx, e.CorpID, add.State)
		switch {
		case err == nil:
			t.ChannelID, t.StoreID = &ch.ID, ch.StoreID
		case app.ErrorCode(err) != app.ENOTFOUND:
			return err
		}
	}
	return s.Record(ctx, t)
}

// OnGroupChanged records the customers who joined a group, with the
// state of the join way they came through, as the mirror read them.
func (s *Service) OnGroupChanged(ctx context.Context, e *app.InboxEvent) error {
	ev, ok, err := wecom.ParseAs[wecom.ChatUpdated](e.Payload)
	if err != nil || !ok || ev.UpdateDetail != "add_member" || s.Groups == nil {
		return err
	}
	members, err := s.Groups.GroupMembersOf(ctx, e.CorpID, ev.ChatID, ev.MemChangeList)
	if err != nil {
		return err
	}
	owner, err := s.Groups.GroupOwner(ctx, e.CorpID, ev.ChatID)
	if err != nil && app.ErrorCode(err) != app.ENOTFOUND {
		return err
	}
	var ts []app.Touch
	for _, m := range members {
		if m.Type != 2 { // 1 is a member of the corp, 2 a customer
			continue
		}
		ts = append(ts, app.Touch{CorpID: e.CorpID, Kind: app.TouchGroupJoin, SourceID: "wecom:" + e.DedupeKey + ":" + m.MemberID,
			ExternalUserID: m.MemberID, UserID: cmp.Or(m.Invitor, owner), State: app.Truncate(m.State, 64), At: e.EventTime,
			Detail: detail(map[string]any{"chat_id": ev.ChatID, "join_scene": m.JoinScene})})
	}
	return s.Record(ctx, ts...)
}
