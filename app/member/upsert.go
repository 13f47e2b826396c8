package member

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// Outcomes of upserting one member.
const (
	Created   = "created"
	Updated   = "updated"
	Unchanged = "unchanged"
)

// Result says what upserting one member did: the record it landed on,
// the records merged into it, and the possible matches left for review.
type Result struct {
	MemberID int64   `json:"member_id"`
	Outcome  string  `json:"outcome"`
	Merged   []int64 `json:"merged,omitempty"`
	Reviews  []int64 `json:"reviews,omitempty"`
}

// Upsert creates or updates one member: the record its member number
// finds, else the one another key finds, else a new one. Records sharing
// a unionid or a verified phone with it are merged into it unless their
// member numbers or unionids contradict, which leaves them for review.
// Sending the same member again changes nothing.
func (s *Service) Upsert(ctx context.Context, corpID int64, in Input) (*Result, error) {
	r, err := s.check(ctx, corpID, in)
	if err != nil {
		return nil, err
	}
	var res *Result
	err = s.retry(ctx, func(ctx context.Context) (err error) {
		res, err = s.upsert(ctx, corpID, r)
		return err
	})
	return res, err
}

// retry runs fn in a transaction, again when a key it added was taken by
// a concurrent upsert of the same person: read again, it finds them.
func (s *Service) retry(ctx context.Context, fn func(ctx context.Context) error) error {
	var err error
	for range 3 {
		if err = s.Tx.InTx(ctx, fn); app.ErrorCode(err) != app.ECONFLICT {
			return err
		}
	}
	return err
}

// upsert applies r inside the caller's transaction.
func (s *Service) upsert(ctx context.Context, corpID int64, r *record) (*Result, error) {
	holders, err := s.holders(ctx, corpID, r)
	if err != nil {
		return nil, err
	}
	m, err := s.primary(ctx, corpID, r, holders)
	if err != nil {
		return nil, err
	}
	u := &upsertion{s: s, corpID: corpID, r: r, m: m, holders: holders, res: &Result{Outcome: Unchanged}}
	if m == nil {
		if err := u.create(ctx); err != nil {
			return nil, err
		}
	}
	if err := u.run(ctx); err != nil {
		return nil, fmt.Errorf("upsert member: %w", err)
	}
	u.res.MemberID = u.m.ID
	return u.res, nil
}

// holders maps each key of r to the member holding it.
func (s *Service) holders(ctx context.Context, corpID int64, r *record) (map[key]int64, error) {
	byKind := map[string][]string{}
	for _, k := range r.keys {
		byKind[k.kind] = append(byKind[k.kind], k.value)
	}
	out := map[key]int64{}
	for kind, values := range byKind {
		h, err := s.Store.HoldersOf(ctx, corpID, r.scope, kind, values)
		if err != nil {
			return nil, err
		}
		for v, id := range h {
			out[key{kind, v}] = id
		}
	}
	return out, nil
}

// primary is the record r updates: the holder of its member number, else
// the holder of its first other key that r could belong to (not one with
// another member number, not through a phone nobody verified); nil: a
// new record.
func (s *Service) primary(ctx context.Context, corpID int64, r *record, holders map[key]int64) (*app.Member, error) {
	for _, k := range r.keys {
		id := holders[k]
		if id == 0 || (k.kind == app.KeyPhone && !r.verified) {
			continue
		}
		m, err := s.Store.LockMember(ctx, corpID, id)
		if err != nil {
			return nil, err
		}
		if k.kind == app.KeyMemberNo || no(r) == "" || m.MemberNo == "" || m.MemberNo == no(r) {
			return m, nil
		}
	}
	return nil, nil
}

// no is the member number r carries, "" when none.
func no(r *record) string {
	for _, k := range r.keys {
		if k.kind == app.KeyMemberNo {
			return k.value
		}
	}
	return ""
}
