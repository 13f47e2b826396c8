package directory

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// ReadAdded is the directory's own subscriber to adds: the second stage
// of an add written from its event, reading the customer's details (name,
// remark, tags) from WeCom. A read begun since Siyu received the add
// already holds them (the welcome may have read the customer to greet
// them by name), so it is not read twice: the check and the read happen
// under the customer's lock.
func (s *Service) ReadAdded(ctx context.Context, e *app.InboxEvent) error {
	add, ok, err := wecom.ParseAs[wecom.ContactAdded](e.Payload)
	if err != nil || !ok {
		return err
	}
	return s.locked(ctx, customerKey(e.CorpID, add.ExternalUserID), func() error {
		f, err := s.st.FindFollow(ctx, e.CorpID, add.UserID, add.ExternalUserID)
		if err == nil && f.SyncedAt != nil && !f.SyncedAt.Before(e.ReceivedAt.Truncate(time.Millisecond)) {
			return nil
		}
		if err != nil && app.ErrorCode(err) != app.ENOTFOUND {
			return err
		}
		return s.read(ctx, e.CorpID, add.ExternalUserID, e.EventTime)
	})
}

// read is RefreshCustomer inside the customer's lock, which the caller
// holds.
func (s *Service) read(ctx context.Context, corpID int64, externalUserID string, at time.Time) error {
	return fetchThenWrite(ctx, s, corpID, func(c WeCom) (*wecom.CustomerDetail, error) { return c.GetCustomer(ctx, externalUserID) },
		s.customerStore(corpID, externalUserID, at), s.inTx(ctx))
}

// RecordMarkedTags adds to the mirror the tags Siyu marked on a relation
// and WeCom accepted at at, so they show at once rather than after the
// next read. A read begun before at no longer overwrites them.
func (s *Service) RecordMarkedTags(ctx context.Context, corpID int64, userID, externalUserID string, tagIDs []string, at time.Time) error {
	if len(tagIDs) == 0 {
		return nil
	}
	return s.st.AddFollowTags(ctx, corpID, userID, externalUserID, tagIDs, at)
}
