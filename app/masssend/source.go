package masssend

import (
	"context"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// nameRunes is the most runes of a send's name (check refuses more).
const nameRunes = 64

var _ app.MassSender = (*Service)(nil)

// SendToCustomer makes a send of content to one customer from guide
// userID, now, for a journey step: key is the fire's key, so the step's
// send is made once however often (or however concurrently) it is acted
// on. It is planned and created through the same ledger as any send; the
// customer is excluded with a reason (not a friend, over the limit) like
// in any send, and no holdout applies.
func (s *Service) SendToCustomer(ctx context.Context, corpID int64, userID, externalUserID, name, content, key string) error {
	return s.sendFor(ctx, corpID, app.ChatSingle, userID, externalUserID, name, content, key)
}

// SendToGroup makes a group send of content to chat chatID from its
// owner, now, for a group SOP step; key as for SendToCustomer.
func (s *Service) SendToGroup(ctx context.Context, corpID int64, owner, chatID, name, content, key string) error {
	return s.sendFor(ctx, corpID, app.ChatGroup, owner, chatID, name, content, key)
}

// sendFor creates the send for key unless one was made for it already.
func (s *Service) sendFor(ctx context.Context, corpID int64, chatType, sender, target, name, content, key string) error {
	if sender == "" || target == "" || key == "" {
		return app.Errorf(app.EINVALID, "群发缺少发送人、接收对象或来源")
	}
	in := app.MassSendInput{Name: app.Truncate(strings.TrimSpace(name), nameRunes), ChatType: chatType, Text: content,
		Audience: app.MassSendAudience{Kind: app.AudienceList, ExternalUserIDs: []string{target}}}
	if err := check(&in); err != nil {
		return err
	}
	ms, err := newSend(ctx, corpID, in, s.now())
	if err != nil {
		return err
	}
	ms.Sender, ms.SourceKey = sender, &key
	created, err := s.Store.CreateSourcedMassSend(ctx, ms, target)
	if err != nil || !created {
		return err
	}
	s.enqueue(ctx, ms)
	return nil
}
