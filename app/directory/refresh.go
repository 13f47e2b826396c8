package directory

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
)

// refreshCustomer writes a customer and all their follow relations as
// WeCom reports them now. A customer WeCom no longer knows has no
// relations left.
func (s *Service) refreshCustomer(ctx context.Context, e *app.InboxEvent, externalUserID string) error {
	return s.locked(ctx, customerKey(e.CorpID, externalUserID), func() error {
		cli, err := s.clients.Client(ctx, e.CorpID)
		if err != nil {
			return err
		}
		detail, err := cli.GetCustomer(ctx, externalUserID)
		gone := app.ErrorCode(err) == app.ENOTFOUND
		if err != nil && !gone {
			return err
		}
		return s.tx(ctx, e, app.InboxApplied, func(d *db.DirectoryStore) error {
			if gone {
				return d.SweepFollows(ctx, e.CorpID, externalUserID, nil, e.EventTime)
			}
			return writeCustomer(ctx, d, customerFromDetail(e.CorpID, detail, time.Now().UTC()), e.EventTime)
		})
	})
}

// writeCustomer upserts a fetched customer with its relations and ends the
// relations WeCom no longer lists.
func writeCustomer(ctx context.Context, d *db.DirectoryStore, c fetchedCustomer, at time.Time) error {
	if err := d.UpsertCustomers(ctx, []app.Customer{c.Customer}); err != nil {
		return err
	}
	if err := d.UpsertFollows(ctx, c.Follows); err != nil {
		return err
	}
	return d.SweepFollows(ctx, c.CorpID, c.ExternalUserID, c.userIDs(), at)
}

// refreshGroup writes a group and its members as WeCom reports them now; a
// group WeCom no longer knows was dismissed.
func (s *Service) refreshGroup(ctx context.Context, e *app.InboxEvent, chatID string) error {
	return s.locked(ctx, groupKey(e.CorpID, chatID), func() error {
		cli, err := s.clients.Client(ctx, e.CorpID)
		if err != nil {
			return err
		}
		chat, err := cli.GroupChat(ctx, chatID, true)
		gone := app.ErrorCode(err) == app.ENOTFOUND
		if err != nil && !gone {
			return err
		}
		return s.tx(ctx, e, app.InboxApplied, func(d *db.DirectoryStore) error {
			if gone {
				return d.DismissGroup(ctx, e.CorpID, chatID, e.EventTime)
			}
			g, members := groupFromChat(e.CorpID, chat, time.Now().UTC())
			return d.SyncGroup(ctx, g, members, e.EventTime)
		})
	})
}

// refreshTags replaces the corp tag library with WeCom's current one.
func (s *Service) refreshTags(ctx context.Context, e *app.InboxEvent) error {
	return s.locked(ctx, tagsKey(e.CorpID), func() error {
		cli, err := s.clients.Client(ctx, e.CorpID)
		if err != nil {
			return err
		}
		groups, err := cli.CorpTags(ctx, nil, nil)
		if err != nil {
			return err
		}
		return s.tx(ctx, e, app.InboxApplied, func(d *db.DirectoryStore) error {
			return d.ReplaceCorpTags(ctx, e.CorpID, tagLibrary(groups), time.Now().UTC())
		})
	})
}
