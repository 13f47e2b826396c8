package directory

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// contactEvent is an add or a deletion as its event states it: follow
// carries AddTime and State for an add, DeletedAt and DeletedBy for a
// deletion.
type contactEvent struct {
	in     *app.InboxEvent
	follow app.Follow
	add    bool
}

// maxBatch bounds one shared transaction, so its locks are held briefly.
const maxBatch = 64

// writeContacts writes ops in one transaction. Should it fail, each op is
// written alone, so that an event which cannot be written fails only
// itself and the rest of its batch lands.
func (s *Service) writeContacts(ctx context.Context, ops []*contactOp) {
	err := s.Tx.InTx(ctx, func(ctx context.Context) error { return s.writeBatch(ctx, ops) })
	if err == nil || len(ops) == 1 {
		for _, o := range ops {
			o.err = err
		}
		return
	}
	for _, o := range ops {
		o.err = s.Tx.InTx(ctx, func(ctx context.Context) error { return s.writeBatch(ctx, []*contactOp{o}) })
	}
}

// writeBatch claims the events of ops, writes the effects of those it
// claimed, and hands the ones that took effect to their subscribers. An
// add older than a deletion already applied (or than a later re-add) is
// claimed but takes no effect: nothing follows it.
func (s *Service) writeBatch(ctx context.Context, ops []*contactOp) error {
	es := make([]*app.InboxEvent, len(ops))
	for i, o := range ops {
		es[i] = o.e.in
	}
	first, err := s.Claims.FinishEvents(ctx, es, app.InboxApplied)
	if err != nil {
		return err
	}
	var adds, dels []app.Follow
	var added, deleted []*app.InboxEvent
	for i, o := range ops {
		switch {
		case !first[i]:
		case o.e.add:
			adds, added = append(adds, o.e.follow), append(added, o.e.in)
		default:
			dels, deleted = append(dels, o.e.follow), append(deleted, o.e.in)
		}
	}
	live, err := s.recordAdds(ctx, adds)
	if err != nil {
		return err
	}
	if len(dels) > 0 {
		if err := s.st.DeleteFollows(ctx, dels); err != nil {
			return err
		}
	}
	return s.Fanout.Deliver(ctx, append(standing(added, live), deleted...))
}

// recordAdds writes adds and reports which of them stand.
func (s *Service) recordAdds(ctx context.Context, adds []app.Follow) ([]bool, error) {
	if len(adds) == 0 {
		return nil, nil
	}
	return s.st.RecordAdds(ctx, adds)
}

// standing keeps the events whose add stands.
func standing(es []*app.InboxEvent, live []bool) []*app.InboxEvent {
	var out []*app.InboxEvent
	for i, e := range es {
		if live[i] {
			out = append(out, e)
		}
	}
	return out
}
