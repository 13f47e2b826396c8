package directory

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
)

// contactEvent is an add or a deletion as its event states it: follow
// carries AddTime and State for an add, DeletedAt and DeletedBy for a
// deletion.
type contactEvent struct {
	in          *app.InboxEvent
	follow      app.Follow
	add         bool
	welcomeCode string
}

// maxBatch bounds one shared transaction, so its locks are held briefly.
const maxBatch = 64

// writeContacts writes ops in one transaction. Should it fail, each op is
// written alone, so that an event which cannot be written fails only
// itself and the rest of its batch lands.
func (s *Service) writeContacts(ctx context.Context, ops []*contactOp) {
	err := s.db.InTx(ctx, func(tx *db.DB) error { return s.writeBatch(ctx, tx, ops) })
	if err == nil || len(ops) == 1 {
		for _, o := range ops {
			o.err = err
		}
		return
	}
	for _, o := range ops {
		o.err = s.tx(ctx, o.e.in, app.InboxApplied, func(d *db.DirectoryStore) error { return s.writeContact(ctx, d, o.e) })
	}
}

// writeBatch claims the events of ops and writes the effects of those it
// claimed: the batch form of tx with writeContact.
func (s *Service) writeBatch(ctx context.Context, tx *db.DB, ops []*contactOp) error {
	es := make([]*app.InboxEvent, len(ops))
	for i, o := range ops {
		es[i] = o.e.in
	}
	first, err := db.NewInboxStore(tx).FinishEvents(ctx, es, app.InboxApplied)
	if err != nil {
		return err
	}
	var adds, dels []app.Follow
	var reads []contactEvent
	for i, o := range ops {
		switch {
		case !first[i]:
		case o.e.add:
			adds, reads = append(adds, o.e.follow), append(reads, o.e)
		default:
			dels = append(dels, o.e.follow)
		}
	}
	d := db.NewDirectoryStore(tx)
	if err := writeIfAny(adds, func() error { return d.RecordAdds(ctx, adds) }); err != nil {
		return err
	}
	if err := writeIfAny(dels, func() error { return d.DeleteFollows(ctx, dels) }); err != nil {
		return err
	}
	return s.queueReads(ctx, reads)
}

// writeContact is one event's effect, for the single-event path.
func (s *Service) writeContact(ctx context.Context, d *db.DirectoryStore, e contactEvent) error {
	if !e.add {
		return d.DeleteFollows(ctx, []app.Follow{e.follow})
	}
	if err := d.RecordAdds(ctx, []app.Follow{e.follow}); err != nil {
		return err
	}
	return s.queueReads(ctx, []contactEvent{e})
}

// queueReads queues what the adds set off, as one task: it is queued
// inside the transaction (should the commit fail, the work runs anyway and
// finds nothing new; queued after it, a crash could lose it), so this
// round trip holds the batch's locks.
func (s *Service) queueReads(ctx context.Context, adds []contactEvent) error {
	if len(adds) == 0 {
		return nil
	}
	as := make([]app.CustomerAdd, len(adds))
	for i, e := range adds {
		as[i] = app.CustomerAdd{CorpID: e.in.CorpID, UserID: e.follow.UserID,
			ExternalUserID: e.follow.ExternalUserID, State: e.follow.State, WelcomeCode: e.welcomeCode,
			EventKey: e.in.DedupeKey, At: e.in.EventTime}
	}
	return s.adds.EnqueueAdded(ctx, as)
}

func writeIfAny(fs []app.Follow, write func() error) error {
	if len(fs) == 0 {
		return nil
	}
	return write()
}
