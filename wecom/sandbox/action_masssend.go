package sandbox

import (
	"errors"
	"fmt"
	"time"
)

// ErrCancelled is returned when confirming a cancelled mass send.
var ErrCancelled = errors.New("sandbox: mass send cancelled")

// MemberConfirmsMassSend is the member tapping "send" in the client: their
// task is sent, and each of their customers receives it (status 1) unless
// no longer a friend (2) or over the receive limit for the period (3).
func (c *Corp) MemberConfirmsMassSend(msgID, userID string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	ms := c.st.ext.massSends[msgID]
	if ms == nil {
		return fmt.Errorf("sandbox: mass send %q: %w", msgID, ErrNotFound)
	}
	if ms.Cancelled {
		return ErrCancelled
	}
	task := -1
	for i, t := range ms.Tasks {
		if t.UserID == userID && t.Status == 0 {
			task = i
		}
	}
	if task < 0 {
		return fmt.Errorf("sandbox: unsent task of %q in %s: %w", userID, msgID, ErrNotFound)
	}
	now := c.Now()
	ms.Tasks[task].Status, ms.Tasks[task].SendTime = 2, now.Unix()
	for i := range ms.Results {
		if r := &ms.Results[i]; r.UserID == userID && r.Status == 0 {
			r.Status, r.SendTime = c.deliveryStatus(*r, now), now.Unix()
		}
	}
	return nil
}

// deliveryStatus decides one result of a confirmed mass send.
func (c *Corp) deliveryStatus(r MassSendResult, now time.Time) int {
	if r.ChatID != "" {
		if g := c.st.groups[r.ChatID]; g == nil || g.Dismissed {
			return 2
		}
		return 1
	}
	if c.st.follow(r.UserID, r.ExternalUserID) == nil {
		return 2
	}
	limit := c.st.ext.massLimit
	if limit.Count <= 0 {
		limit = c.sb.opts.MassSendLimit
	}
	if c.received(r.ExternalUserID, periodStart(now, limit.Period).Unix()) >= limit.Count {
		return 3
	}
	return 1
}

// MassSends returns the corp's mass sends, oldest first.
func (c *Corp) MassSends() []MassSend {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.snapshotMassSends()
}

// MemberCreatesMassSend is a member sending a personal mass message from
// the client (create_type 1): it goes out at once to those of the given
// customers the member follows, within the receive limit. It returns the
// msgid.
func (c *Corp) MemberCreatesMassSend(userID string, externalUserIDs []string, text string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.st.members[userID] == nil {
		return "", fmt.Errorf("sandbox: member %q: %w", userID, ErrNotFound)
	}
	now := c.Now()
	ms := &MassSend{MsgID: c.newID("msg"), ChatType: "single", Creator: userID, CreateType: 1,
		CreateTime: now.Unix(), Text: text, Tasks: []MassSendTask{{UserID: userID, Status: 2, SendTime: now.Unix()}}}
	for _, ext := range externalUserIDs {
		r := MassSendResult{ExternalUserID: ext, UserID: userID, SendTime: now.Unix()}
		r.Status = c.deliveryStatus(r, now)
		ms.Results = append(ms.Results, r)
	}
	c.st.ext.massSends[ms.MsgID] = ms
	c.st.ext.massSendIDs = append(c.st.ext.massSendIDs, ms.MsgID)
	return ms.MsgID, nil
}
