package directory

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// refreshCustomer writes a customer and all their follow relations as
// WeCom reports them now, as the effect of event e.
func (s *Service) refreshCustomer(ctx context.Context, e *app.InboxEvent, externalUserID string) error {
	return refresh(ctx, s, e, customerKey(e.CorpID, externalUserID),
		func(c WeCom) (*wecom.CustomerDetail, error) { return c.GetCustomer(ctx, externalUserID) },
		s.customerStore(e.CorpID, externalUserID, e.EventTime))
}

// RefreshCustomer reads a customer from WeCom and writes what it read (at
// is the time of what asked for it: an add, a transfer). It has no inbox
// gate; running it twice writes the same thing.
func (s *Service) RefreshCustomer(ctx context.Context, corpID int64, externalUserID string, at time.Time) error {
	return fetchAndWrite(ctx, s, corpID, customerKey(corpID, externalUserID),
		func(c WeCom) (*wecom.CustomerDetail, error) { return c.GetCustomer(ctx, externalUserID) },
		s.customerStore(corpID, externalUserID, at), s.inTx(ctx))
}

// inTx commits a write in a transaction of its own.
func (s *Service) inTx(ctx context.Context) func(func(context.Context) error) error {
	return func(fn func(context.Context) error) error { return s.Tx.InTx(ctx, fn) }
}

// customerStore writes a customer read from WeCom; one WeCom no longer
// knows has no relations left.
func (s *Service) customerStore(corpID int64, externalUserID string, at time.Time) func(context.Context, *wecom.CustomerDetail, bool, time.Time) error {
	return func(ctx context.Context, detail *wecom.CustomerDetail, gone bool, readAt time.Time) error {
		if gone {
			return s.st.SweepFollows(ctx, corpID, externalUserID, nil, at, readAt)
		}
		return s.writeCustomer(ctx, customerFromDetail(corpID, detail, readAt), at, readAt)
	}
}

// writeCustomer upserts a fetched customer with its relations and ends the
// relations WeCom no longer lists.
func (s *Service) writeCustomer(ctx context.Context, c fetchedCustomer, at, readAt time.Time) error {
	if err := s.st.UpsertCustomers(ctx, []app.Customer{c.Customer}); err != nil {
		return err
	}
	if err := s.st.UpsertFollows(ctx, c.Follows); err != nil {
		return err
	}
	return s.st.SweepFollows(ctx, c.CorpID, c.ExternalUserID, c.userIDs(), at, readAt)
}

// refreshGroup writes a group and its members as WeCom reports them now; a
// group WeCom no longer knows was dismissed.
func (s *Service) refreshGroup(ctx context.Context, e *app.InboxEvent, chatID string) error {
	return refresh(ctx, s, e, groupKey(e.CorpID, chatID),
		func(c WeCom) (*wecom.GroupChat, error) { return c.GroupChat(ctx, chatID, true) },
		func(ctx context.Context, chat *wecom.GroupChat, gone bool, readAt time.Time) error {
			if gone {
				return s.st.DismissGroup(ctx, e.CorpID, chatID, e.EventTime)
			}
			g, members := groupFromChat(e.CorpID, chat, readAt)
			return s.st.SyncGroup(ctx, g, members, e.EventTime)
		})
}

// refreshTags replaces the corp tag library with WeCom's current one.
func (s *Service) refreshTags(ctx context.Context, e *app.InboxEvent) error {
	return refresh(ctx, s, e, tagsKey(e.CorpID),
		func(c WeCom) ([]wecom.CorpTagGroup, error) { return c.CorpTags(ctx, nil, nil) },
		func(ctx context.Context, groups []wecom.CorpTagGroup, gone bool, _ time.Time) error {
			if gone {
				// The library itself cannot vanish; emptying it on a
				// not-found answer would delete every tag.
				return app.Errorf(app.EUNAVAILABLE, "企业标签库暂时无法读取")
			}
			return s.st.ReplaceCorpTags(ctx, e.CorpID, tagLibrary(groups), time.Now().UTC())
		})
}
