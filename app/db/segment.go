package db

import (
	"context"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
)

// SegmentStore keeps segments and their snapshots and evaluates their
// rules; app/segment is its only writer.
type SegmentStore struct{ db *DB }

// NewSegmentStore returns a SegmentStore on db.
func NewSegmentStore(db *DB) *SegmentStore { return &SegmentStore{db: db} }

// plan plans cond for corpID's customers at now (segment_plan.go). Every
// selected customer has a relation still standing: a customer who deleted
// every guide cannot be reached.
func (s *SegmentStore) plan(ctx context.Context, corpID int64, cond app.SegmentCond, now time.Time) (plan, error) {
	conds := append(conjuncts(cond), standing)
	hits, sampled, err := s.hits(ctx, corpID, conds, now)
	if err != nil {
		return plan{}, err
	}
	return newPlan(corpID, now, conds, hits, sampled), nil
}

// mysql tells whether the plan's SQL is to be in MySQL's words.
func (s *SegmentStore) mysql() bool { return s.db.dialect == config.DriverMySQL }

// probing runs fn with MySQL's and MariaDB's rewrites of EXISTS into
// semi-joins off, on the connection fn's queries use, and then as they
// were. A plan holds only if each EXISTS stays a lookup for the customer
// at hand; rewritten, the subqueries become joins ordered by the
// optimizer's guesses, which at a million customers went wrong (minutes).
func (s *SegmentStore) probing(ctx context.Context, fn func(ctx context.Context) error) error {
	if !s.mysql() {
		return fn(ctx)
	}
	return s.db.InTx(ctx, func(ctx context.Context) error {
		var was string
		if err := s.db.with(ctx).Raw("SELECT @@SESSION.optimizer_switch").Row().Scan(&was); err != nil {
			return err
		}
		off := "semijoin=off"
		if strings.Contains(was, "exists_to_in=") { // MariaDB
			off += ",exists_to_in=off"
		}
		if err := s.db.with(ctx).Exec("SET SESSION optimizer_switch = ?", off).Error; err != nil {
			return err
		}
		err := fn(ctx)
		if rerr := s.db.with(ctx).Exec("SET SESSION optimizer_switch = ?", was).Error; err == nil {
			err = rerr
		}
		return err
	})
}

// CountSegment counts the customers cond selects at now.
func (s *SegmentStore) CountSegment(ctx context.Context, corpID int64, cond app.SegmentCond, now time.Time) (int64, error) {
	var n int64
	err := s.probing(ctx, func(ctx context.Context) error {
		p, err := s.plan(ctx, corpID, cond, now)
		if err == nil {
			n, err = s.count(ctx, p)
		}
		return err
	})
	return n, domainError(err, "人群")
}

// count counts the customers p selects, each once.
func (s *SegmentStore) count(ctx context.Context, p plan) (int64, error) {
	body, args := p.body(s.mysql())
	what := "COUNT(*)"
	if p.lead != nil {
		what = "COUNT(DISTINCT c.id)"
	}
	var n int64
	err := s.db.with(ctx).Raw("SELECT "+what+" FROM "+body, args...).Row().Scan(&n)
	return n, err
}

// Materialize writes the customers cond selects at now as version of
// segment id, in one INSERT … SELECT: the database does the work, and
// nothing is loaded. It returns how many were written.
func (s *SegmentStore) Materialize(ctx context.Context, corpID, id int64, version int, cond app.SegmentCond, now time.Time) (int64, error) {
	var n int64
	err := s.probing(ctx, func(ctx context.Context) error {
		p, err := s.plan(ctx, corpID, cond, now)
		if err == nil {
			n, err = s.materialize(ctx, p, id, version)
		}
		return err
	})
	return n, domainError(err, "人群")
}

// materialize writes the customers p selects as version of segment id; a
// customer a lead's rows name twice is written once.
func (s *SegmentStore) materialize(ctx context.Context, p plan, id int64, version int) (int64, error) {
	body, args := p.body(s.mysql())
	q := "INSERT INTO segment_members (corp_id, segment_id, version, external_userid) SELECT c.corp_id, ?, ?, c.external_userid FROM " + body
	switch {
	case p.lead != nil && s.mysql():
		q += " ON DUPLICATE KEY UPDATE version = segment_members.version"
	case p.lead != nil:
		q += " ON CONFLICT DO NOTHING"
	}
	res := s.db.with(ctx).Exec(q, append([]any{id, version}, args...)...)
	return res.RowsAffected, res.Error
}
