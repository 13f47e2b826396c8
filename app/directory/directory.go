// Package directory keeps Siyu's mirror of each corp's WeCom directory:
// it applies callback events exactly once and in an order-safe way, and
// runs full syncs and reconciles. Deletions and adds are written from the
// event itself, guarded by event time (an add then queues a read of the
// customer's details); changes that need WeCom's details (an edit, a group
// update, a tag change) are read from WeCom under a per-object lock and
// written as "what WeCom says now", newer reads winning over older ones.
package directory

import (
	"context"
	"log/slog"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/wecom"
)

// WeCom is what the directory reads from WeCom for one corp.
type WeCom interface {
	GetCustomer(ctx context.Context, externalUserID string) (*wecom.CustomerDetail, error)
	GroupChat(ctx context.Context, chatID string, needName bool) (*wecom.GroupChat, error)
	CorpTags(ctx context.Context, tagIDs, groupIDs []string) ([]wecom.CorpTagGroup, error)
	FollowUsers(ctx context.Context) ([]string, error)
	BatchCustomers(ctx context.Context, userIDs []string, cursor string, limit int) (wecom.BatchCustomersPage, error)
	GroupChats(ctx context.Context, req wecom.GroupChatListRequest) ([]wecom.GroupChatRef, string, error)
}

// Progress hears how a sync advances and what it repaired, for metrics.
type Progress interface {
	SyncPage(phase string, items int)
	SyncDrift(kind string, n int)
}

// Clients gives the WeCom client of a corp (by Siyu's corp id).
type Clients interface {
	Client(ctx context.Context, corpID int64) (WeCom, error)
}

// Locker serialises work on one object across processes.
type Locker interface {
	Lock(ctx context.Context, key string, ttl time.Duration) (unlock func(), err error)
}

// AddQueue queues what the adds of one written batch set off: owner
// decisions and welcome messages, and the reads of the customers' details
// from WeCom. The events' keys name the work, so queueing it twice runs
// it once.
type AddQueue interface {
	EnqueueAdded(ctx context.Context, adds []app.CustomerAdd) error
}

// TransferFailures settles the transfer a transfer_fail callback is about,
// in tx: the transaction that claims the event, so it happens once.
type TransferFailures interface {
	TransferFailed(ctx context.Context, tx *db.DB, f app.TransferFail) error
}

// Service applies WeCom events to the directory.
type Service struct {
	db        *db.DB
	clients   Clients
	locks     Locker
	log       *slog.Logger
	progress  Progress
	adds      AddQueue
	contacts  *batcher
	transfers TransferFailures
}

// SettleTransfersWith hands transfer_fail callbacks to t; without it they
// are stored as ignored. Call it before the worker starts.
func (s *Service) SettleTransfersWith(t TransferFailures) { s.transfers = t }

// New returns a Service; log and progress report full syncs. Adds are
// two-stage: the relation is written from the event at once and adds
// queues what follows (assignment, welcome, the read of the customer's
// details), so a burst of adds is applied
// (and can be assigned and greeted) at the database's pace rather than at
// WeCom's read limit.
func New(d *db.DB, clients Clients, locks Locker, adds AddQueue, log *slog.Logger, progress Progress) *Service {
	s := &Service{db: d, clients: clients, locks: locks, adds: adds, log: log, progress: progress}
	s.contacts = &batcher{max: maxBatch, write: s.writeContacts}
	return s
}

// lockTTL bounds one fetch-and-write; a crashed worker frees it by then.
const lockTTL = 30 * time.Second

// tx runs fn in a transaction that first moves the inbox event out of
// pending; if another worker already did, fn does not run. This pairing is
// what gives every event exactly one effect.
func (s *Service) tx(ctx context.Context, e *app.InboxEvent, status string, fn func(*db.DirectoryStore) error) error {
	return s.db.InTx(ctx, func(tx *db.DB) error {
		first, err := db.NewInboxStore(tx).FinishEvent(ctx, e, status)
		if err != nil || !first {
			return err
		}
		return fn(db.NewDirectoryStore(tx))
	})
}

// write takes the object's lock and runs fn in the finish-gated transaction,
// for changes written from the event alone.
func (s *Service) write(ctx context.Context, e *app.InboxEvent, key string, fn func(*db.DirectoryStore) error) error {
	return s.locked(ctx, key, func() error { return s.tx(ctx, e, app.InboxApplied, fn) })
}

// refresh takes the object's lock, reads the object from WeCom and writes
// what it read in the finish-gated transaction of e.
func refresh[T any](ctx context.Context, s *Service, e *app.InboxEvent, key string,
	fetch func(WeCom) (T, error), store func(d *db.DirectoryStore, v T, gone bool, readAt time.Time) error) error {
	return fetchAndWrite(ctx, s, e.CorpID, key, fetch, store, func(fn func(*db.DirectoryStore) error) error {
		return s.tx(ctx, e, app.InboxApplied, fn)
	})
}

// fetchAndWrite takes the object's lock, reads it from WeCom and hands
// what it read to store inside commit. gone tells store that WeCom no
// longer knows the object; readAt is when the read began, which the store
// keeps so that no older read (a sync page) overwrites this one.
func fetchAndWrite[T any](ctx context.Context, s *Service, corpID int64, key string, fetch func(WeCom) (T, error),
	store func(d *db.DirectoryStore, v T, gone bool, readAt time.Time) error, commit func(func(*db.DirectoryStore) error) error) error {
	return s.locked(ctx, key, func() error {
		cli, err := s.clients.Client(ctx, corpID)
		if err != nil {
			return err
		}
		readAt := time.Now().UTC()
		v, err := fetch(cli)
		gone := app.ErrorCode(err) == app.ENOTFOUND
		if err != nil && !gone {
			return err
		}
		return commit(func(d *db.DirectoryStore) error { return store(d, v, gone, readAt) })
	})
}

func (s *Service) locked(ctx context.Context, key string, fn func() error) error {
	unlock, err := s.locks.Lock(ctx, key, lockTTL)
	if err != nil {
		return app.Wrap(app.EUNAVAILABLE, err, "")
	}
	defer unlock()
	return fn()
}
