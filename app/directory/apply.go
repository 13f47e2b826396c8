package directory

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// ApplyEvent applies one stored inbox event. It is safe to call again for
// the same event: only the first call that commits has an effect.
func (s *Service) ApplyEvent(ctx context.Context, e *app.InboxEvent) error {
	ev, err := wecom.ParseEvent([]byte(e.Payload))
	if err != nil {
		return app.Wrap(app.EINVALID, err, "事件内容无法解析")
	}
	switch ev := ev.(type) {
	case wecom.ContactAdded:
		return s.recordAdd(ctx, e, ev)
	case wecom.ContactEdited:
		return s.refreshCustomer(ctx, e, ev.ExternalUserID)
	case wecom.ContactDeleted:
		by := app.FollowDeletedByMember
		if ev.Source == "DELETE_BY_TRANSFER" {
			by = app.FollowDeletedByTransfer
		}
		return s.deleteFollow(ctx, e, ev.Contact, by)
	case wecom.FollowUserDeleted:
		return s.deleteFollow(ctx, e, ev.Contact, app.FollowDeletedByCustomer)
	case wecom.ChatCreated:
		return s.refreshGroup(ctx, e, ev.ChatID)
	case wecom.ChatUpdated:
		return s.refreshGroup(ctx, e, ev.ChatID)
	case wecom.ChatDismissed:
		return s.write(ctx, e, groupKey(e.CorpID, ev.ChatID), func(ctx context.Context) error {
			return s.st.DismissGroup(ctx, e.CorpID, ev.ChatID, e.EventTime)
		})
	case wecom.TagChanged:
		return s.refreshTags(ctx, e)
	}
	// Kinds the mirror does not keep (a transfer_fail, say) go to whoever
	// subscribed to them; with nobody, they are kept for the record and
	// change nothing.
	status := app.InboxIgnored
	if s.Fanout.Subscribed(e.Kind) {
		status = app.InboxApplied
	}
	return s.tx(ctx, e, status, func(context.Context) error { return nil })
}

// recordAdd writes an add from the event alone, batched with the other
// adds and deletions in flight.
func (s *Service) recordAdd(ctx context.Context, e *app.InboxEvent, ev wecom.ContactAdded) error {
	at := e.EventTime
	return s.contacts.do(ctx, contactEvent{in: e, add: true, follow: app.Follow{CorpID: e.CorpID,
		UserID: ev.UserID, ExternalUserID: ev.ExternalUserID, AddTime: &at, State: ev.State}})
}

// deleteFollow writes a deletion from the event alone and without the
// customer's lock: the event-time guards of DeleteFollows already order it
// against any concurrent refresh or other deletion, and deletions are the
// bulk of a busy corp's events.
func (s *Service) deleteFollow(ctx context.Context, e *app.InboxEvent, c wecom.Contact, by string) error {
	at := e.EventTime
	return s.contacts.do(ctx, contactEvent{in: e, follow: app.Follow{CorpID: e.CorpID,
		UserID: c.UserID, ExternalUserID: c.ExternalUserID, DeletedAt: &at, DeletedBy: by}})
}

func customerKey(corpID int64, externalUserID string) string {
	return fmt.Sprintf("customer:%d:%s", corpID, externalUserID)
}

func groupKey(corpID int64, chatID string) string { return fmt.Sprintf("group:%d:%s", corpID, chatID) }

func tagsKey(corpID int64) string { return fmt.Sprintf("tags:%d", corpID) }
