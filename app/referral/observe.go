package referral

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// OnAdded observes a customer adding a member: the arrival of an invitee
// when it carries a campaign's state, and for every other campaign a sign
// that they are no new friend. The customer is read first, so their
// unionid is known.
func (s *Service) OnAdded(ctx context.Context, e *app.InboxEvent) error {
	add, ok, err := wecom.ParseAs[wecom.ContactAdded](e.Payload)
	if err != nil || !ok {
		return err
	}
	if live, err := s.live(ctx, e); err != nil || !live {
		return err
	}
	if err := s.Reader.ReadAddedCustomer(ctx, e.CorpID, add.UserID, add.ExternalUserID, e.ReceivedAt, e.EventTime); err != nil {
		return err
	}
	o := app.ReferralObservation{CorpID: e.CorpID, EventKey: e.DedupeKey, ExternalUserID: add.ExternalUserID,
		Kind: app.ObserveAdd, UserID: add.UserID, State: app.Truncate(add.State, 64), At: e.EventTime}
	if err := s.pendFromLink(ctx, e.CorpID, add.State, add.ExternalUserID, o); err != nil {
		return err
	}
	return s.observe(ctx, o)
}

// OnEnded observes a relation ending: the customer deleted the member or
// the member the customer. An on-job transfer's deletion is no leaving.
func (s *Service) OnEnded(ctx context.Context, e *app.InboxEvent) error {
	c, ok, err := endedContact(e.Payload)
	if err != nil || !ok {
		return err
	}
	if live, err := s.live(ctx, e); err != nil || !live {
		return err
	}
	return s.observe(ctx, app.ReferralObservation{CorpID: e.CorpID, EventKey: e.DedupeKey, ExternalUserID: c.ExternalUserID,
		Kind: app.ObserveLeave, UserID: c.UserID, At: e.EventTime})
}

// endedContact is the pair whose relation an event ended, if it did.
func endedContact(payload string) (wecom.Contact, bool, error) {
	ev, err := wecom.ParseEvent([]byte(payload))
	if err != nil {
		return wecom.Contact{}, false, err
	}
	switch v := ev.(type) {
	case wecom.ContactDeleted:
		return v.Contact, v.Source != "DELETE_BY_TRANSFER", nil
	case wecom.FollowUserDeleted:
		return v.Contact, true, nil
	}
	return wecom.Contact{}, false, nil
}

// OnChatUpdated observes customers joining or leaving a customer group,
// with the join way's state the mirror read from groupchat/get.
func (s *Service) OnChatUpdated(ctx context.Context, e *app.InboxEvent) error {
	ev, ok, err := wecom.ParseAs[wecom.ChatUpdated](e.Payload)
	if err != nil || !ok || (ev.UpdateDetail != "add_member" && ev.UpdateDetail != "del_member") {
		return err
	}
	if live, err := s.live(ctx, e); err != nil || !live {
		return err
	}
	if ev.UpdateDetail == "del_member" {
		for _, id := range ev.MemChangeList {
			o := app.ReferralObservation{CorpID: e.CorpID, EventKey: e.DedupeKey, ExternalUserID: id, Kind: app.ObserveExit, ChatID: ev.ChatID, At: e.EventTime}
			if err := s.observe(ctx, o); err != nil {
				return err
			}
		}
		return nil
	}
	return s.observeJoins(ctx, e, ev)
}

// observeJoins observes each customer who joined, at WeCom's join time.
func (s *Service) observeJoins(ctx context.Context, e *app.InboxEvent, ev wecom.ChatUpdated) error {
	members, err := s.Dir.GroupMembersOf(ctx, e.CorpID, ev.ChatID, ev.MemChangeList)
	if err != nil {
		return err
	}
	for _, m := range members {
		if m.Type != 2 {
			continue
		}
		at := e.EventTime
		if m.JoinTime != nil {
			at = m.JoinTime.UTC()
		}
		o := app.ReferralObservation{CorpID: e.CorpID, EventKey: e.DedupeKey, ExternalUserID: m.MemberID, Kind: app.ObserveJoin,
			UserID: m.Invitor, ChatID: ev.ChatID, State: app.Truncate(m.State, 64), At: at}
		if err := s.observe(ctx, o); err != nil {
			return err
		}
	}
	return nil
}

// live reports whether any campaign of the corp can still be changed by
// an event of e's time: most corps run none most of the time, and their
// callbacks cost one indexed read.
func (s *Service) live(ctx context.Context, e *app.InboxEvent) (bool, error) {
	cs, err := s.Store.LiveCampaigns(ctx, e.CorpID, e.EventTime)
	return len(cs) > 0, err
}

// observe keeps o (once per event) and settles the customer's helps.
func (s *Service) observe(ctx context.Context, o app.ReferralObservation) error {
	if err := s.Store.Observe(ctx, []app.ReferralObservation{o}); err != nil {
		return err
	}
	unionid, err := s.Dir.UnionIDOf(ctx, o.CorpID, o.ExternalUserID)
	if err != nil {
		return err
	}
	return s.settleInvitee(ctx, o.CorpID, unionid)
}
