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
	"github.com/siyu-scrm/siyu/wecom"
)

// WeCom is what the directory reads from WeCom for one corp.
type WeCom interface {
	GetCustomer(ctx context.Context, externalUserID string) (*wecom.CustomerDetail, error)
	GroupChat(ctx context.Context, chatID string, needName bool) (*wecom.GroupChat, error)
	CorpTags(ctx context.Context, tagIDs, groupIDs []string) ([]wecom.CorpTagGroup, error)
	FollowUsers(ctx context.Context) ([]string, error)
	MemberName(ctx context.Context, userID string) (string, error)
	BatchCustomers(ctx context.Context, userIDs []string, cursor string, limit int) (wecom.BatchCustomersPage, error)
	GroupChats(ctx context.Context, req wecom.GroupChatListRequest) ([]wecom.GroupChatRef, string, error)
	TagWriter
}

// TagWriter changes a corp's tag library in WeCom, which owns it: the
// mirror follows what WeCom then lists.
type TagWriter interface {
	AddCorpTag(ctx context.Context, req wecom.AddCorpTagRequest) (*wecom.CorpTagGroup, error)
	EditCorpTag(ctx context.Context, id, name string, order int) error
	DeleteCorpTags(ctx context.Context, tagIDs, groupIDs []string) error
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

// Store keeps the directory's mirror (app/db's DirectoryStore); the
// directory is its only writer.
type Store interface {
	UpsertCustomers(ctx context.Context, cs []app.Customer) error
	UpsertFollows(ctx context.Context, fs []app.Follow) error
	RecordAdds(ctx context.Context, adds []app.Follow) ([]bool, error)
	DeleteFollows(ctx context.Context, dels []app.Follow) error
	SweepFollows(ctx context.Context, corpID int64, externalUserID string, present []string, at, readAt time.Time) error
	AddFollowTags(ctx context.Context, corpID int64, userID, externalUserID string, tagIDs []string, at time.Time) error
	FindFollow(ctx context.Context, corpID int64, userID, externalUserID string) (*app.Follow, error)
	Groups
	Syncs
}

// Groups are the mirror's groups and tag library.
type Groups interface {
	SyncGroup(ctx context.Context, g *app.Group, members []app.GroupMember, at time.Time) error
	DismissGroup(ctx context.Context, corpID int64, chatID string, at time.Time) error
	ReplaceCorpTags(ctx context.Context, corpID int64, groups []app.TagGroup, at time.Time) error
	CorpTags(ctx context.Context, corpID int64) ([]app.TagGroup, error)
}

// Syncs are full syncs and what they sweep.
type Syncs interface {
	ReplaceContactStaff(ctx context.Context, corpID int64, userIDs []string, at time.Time) error
	ContactStaffIDs(ctx context.Context, corpID int64) ([]string, error)
	SetStaffNames(ctx context.Context, corpID int64, names map[string]string) error
	CreateSync(ctx context.Context, corpID int64) (*app.SyncRun, bool, error)
	FindSync(ctx context.Context, id int64) (*app.SyncRun, error)
	SaveSync(ctx context.Context, run *app.SyncRun) error
	SyncStates(ctx context.Context) ([]app.SyncState, error)
	SweepUnsynced(ctx context.Context, corpID int64, before, floor time.Time) (int, error)
	SweepUnsyncedGroups(ctx context.Context, corpID int64, before, at time.Time) (int, error)
}

// Claims moves inbox events out of pending, once: the claim that gives
// every event exactly one effect (app/inbox's store).
type Claims interface {
	FinishEvent(ctx context.Context, e *app.InboxEvent, status string) (bool, error)
	FinishEvents(ctx context.Context, es []*app.InboxEvent, status string) ([]bool, error)
}

// Fanout hands the events the mirror applied to the capabilities
// subscribed to their kinds, inside the transaction that applied them
// (tasks' event registry).
type Fanout interface {
	Subscribed(kind string) bool
	Deliver(ctx context.Context, es []*app.InboxEvent) error
}

// Auditor records the changes people make to the tag library (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}

// Deps are what the directory is built from.
type Deps struct {
	Tx      app.Transactor
	Store   Store
	Claims  Claims
	Fanout  Fanout
	Clients Clients
	Locks   Locker
	Audit   Auditor
	Log     *slog.Logger
	// Progress hears how full syncs advance (nil: nobody).
	Progress Progress
}

// Service applies WeCom events to the directory.
type Service struct {
	Deps
	st       Store
	contacts *batcher
}

// New returns a Service on d. Adds and deletions are written from their
// events at once, batched with whatever else is in flight (group commit);
// what follows an add (assignment, the welcome, the read of the
// customer's details) is the subscribers' work, handed over in the same
// transaction.
func New(d Deps) *Service {
	s := &Service{Deps: d, st: d.Store}
	s.contacts = &batcher{max: maxBatch, write: s.writeContacts}
	return s
}

// lockTTL bounds one fetch-and-write; a crashed worker frees it by then.
const lockTTL = 30 * time.Second

// tx runs fn in a transaction that first moves the inbox event out of
// pending; if another worker already did, fn does not run. This pairing is
// what gives every event exactly one effect. An applied event then goes
// to its subscribers in the same transaction.
func (s *Service) tx(ctx context.Context, e *app.InboxEvent, status string, fn func(context.Context) error) error {
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		first, err := s.Claims.FinishEvent(ctx, e, status)
		if err != nil || !first {
			return err
		}
		if err := fn(ctx); err != nil || status != app.InboxApplied {
			return err
		}
		return s.Fanout.Deliver(ctx, []*app.InboxEvent{e})
	})
}

// write takes the object's lock and runs fn in the finish-gated transaction,
// for changes written from the event alone.
func (s *Service) write(ctx context.Context, e *app.InboxEvent, key string, fn func(context.Context) error) error {
	return s.locked(ctx, key, func() error { return s.tx(ctx, e, app.InboxApplied, fn) })
}

// refresh takes the object's lock, reads the object from WeCom and writes
// what it read in the finish-gated transaction of e.
func refresh[T any](ctx context.Context, s *Service, e *app.InboxEvent, key string,
	fetch func(WeCom) (T, error), store func(ctx context.Context, v T, gone bool, readAt time.Time) error) error {
	return fetchAndWrite(ctx, s, e.CorpID, key, fetch, store, func(fn func(context.Context) error) error {
		return s.tx(ctx, e, app.InboxApplied, fn)
	})
}

// fetchAndWrite takes the object's lock, reads it from WeCom and hands
// what it read to store inside commit (see fetchThenWrite).
func fetchAndWrite[T any](ctx context.Context, s *Service, corpID int64, key string, fetch func(WeCom) (T, error),
	store func(ctx context.Context, v T, gone bool, readAt time.Time) error, commit func(func(context.Context) error) error) error {
	return s.locked(ctx, key, func() error { return fetchThenWrite(ctx, s, corpID, fetch, store, commit) })
}

// fetchThenWrite reads an object from WeCom and hands what it read to
// store inside commit, under a lock the caller holds. gone tells store
// that WeCom no longer knows the object; readAt is when the read began,
// which the store keeps so that no older read (a sync page) overwrites
// this one.
func fetchThenWrite[T any](ctx context.Context, s *Service, corpID int64, fetch func(WeCom) (T, error),
	store func(ctx context.Context, v T, gone bool, readAt time.Time) error, commit func(func(context.Context) error) error) error {
	cli, err := s.Clients.Client(ctx, corpID)
	if err != nil {
		return err
	}
	readAt := time.Now().UTC()
	v, err := fetch(cli)
	gone := app.ErrorCode(err) == app.ENOTFOUND
	if err != nil && !gone {
		return err
	}
	return commit(func(ctx context.Context) error { return store(ctx, v, gone, readAt) })
}

func (s *Service) locked(ctx context.Context, key string, fn func() error) error {
	unlock, err := s.Locks.Lock(ctx, key, lockTTL)
	if err != nil {
		return app.Wrap(app.EUNAVAILABLE, err, "")
	}
	defer unlock()
	return fn()
}
