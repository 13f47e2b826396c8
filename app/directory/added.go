package directory

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// ReadAdded is the directory's own subscriber to adds: the second stage
// of an add written from its event, reading the customer's details (name,
// remark, tags) from WeCom.
func (s *Service) ReadAdded(ctx context.Context, e *app.InboxEvent) error {
	add, ok, err := wecom.ParseAs[wecom.ContactAdded](e.Payload)
	if err != nil || !ok {
		return err
	}
	return s.ReadAddedCustomer(ctx, e.CorpID, add.UserID, add.ExternalUserID, e.ReceivedAt, e.EventTime)
}

// ReadAddedCustomer reads the customer of an add Siyu received at
// received (WeCom's time at), unless a read begun since then already
// holds their details: the add's own read and a welcome that names the
// customer both ask, and the customer is read once. The check and the
// read happen under the customer's lock.
func (s *Service) ReadAddedCustomer(ctx context.Context, corpID int64, userID, externalUserID string, received, at time.Time) error {
	return s.locked(ctx, customerKey(corpID, externalUserID), func() error {
		f, err := s.st.FindFollow(ctx, corpID, userID, externalUserID)
		if err == nil && f.SyncedAt != nil && !f.SyncedAt.Before(received.Truncate(time.Millisecond)) {
			return nil
		}
		if err != nil && app.ErrorCode(err) != app.ENOTFOUND {
			return err
		}
		return s.read(ctx, corpID, externalUserID, at)
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
