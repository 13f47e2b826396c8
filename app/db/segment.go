package db

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
)

// SegmentStore keeps segments and their snapshots and evaluates their
// rules; app/segment is its only writer.
type SegmentStore struct{ db *DB }

// NewSegmentStore returns a SegmentStore on db.
func NewSegmentStore(db *DB) *SegmentStore { return &SegmentStore{db: db} }

// population is the customers a segment draws from: the corp's, with at
// least one relation still standing (a customer who deleted every guide
// cannot be reached).
func (s *SegmentStore) population(ctx context.Context, corpID int64, cond app.SegmentCond, now time.Time) *gorm.DB {
	where, args := segmentWhere(cond, corpID, now)
	standing, sargs := in(related["follow"], corpID, "", nil)
	return s.db.with(ctx).Table("customers c").Where("c.corp_id = ?", corpID).
		Where(standing, sargs...).Where(where, args...)
}

// CountSegment counts the customers cond selects at now.
func (s *SegmentStore) CountSegment(ctx context.Context, corpID int64, cond app.SegmentCond, now time.Time) (int64, error) {
	var n int64
	err := s.materialized(ctx, func(ctx context.Context) error { return s.population(ctx, corpID, cond, now).Count(&n).Error })
	return n, domainError(err, "人群")
}

// materialized runs fn with MySQL's (and MariaDB's) semi-join rewrite
// off, on the connection fn's queries use: a segment's IN subqueries are
// then each computed once into an indexed temporary set. The rewrite
// otherwise joins them in one nested plan whose estimates go wrong at
// scale (six conditions over a million customers ran for minutes).
func (s *SegmentStore) materialized(ctx context.Context, fn func(ctx context.Context) error) error {
	if s.db.dialect != config.DriverMySQL {
		return fn(ctx)
	}
	return s.db.InTx(ctx, func(ctx context.Context) error {
		if err := s.db.with(ctx).Exec("SET SESSION optimizer_switch = 'semijoin=off'").Error; err != nil {
			return err
		}
		err := fn(ctx)
		if rerr := s.db.with(ctx).Exec("SET SESSION optimizer_switch = 'semijoin=on'").Error; err == nil {
			err = rerr
		}
		return err
	})
}

// SampleSegment returns up to limit of the customers cond selects, by
// external_userid.
func (s *SegmentStore) SampleSegment(ctx context.Context, corpID int64, cond app.SegmentCond, now time.Time, limit int) ([]string, error) {
	var out []string
	err := s.materialized(ctx, func(ctx context.Context) error {
		return s.population(ctx, corpID, cond, now).Order("c.external_userid").Limit(limit).Pluck("c.external_userid", &out).Error
	})
	return out, domainError(err, "人群")
}

// Materialize writes the customers cond selects at now as version of
// segment id, in one INSERT … SELECT: the database does the work, and
// nothing is loaded. It returns how many were written.
func (s *SegmentStore) Materialize(ctx context.Context, corpID, id int64, version int, cond app.SegmentCond, now time.Time) (int64, error) {
	var n int64
	err := s.materialized(ctx, func(ctx context.Context) error {
		sel := s.population(ctx, corpID, cond, now).Select("c.corp_id, ?, ?, c.external_userid", id, version)
		res := s.db.with(ctx).Exec("INSERT INTO segment_members (corp_id, segment_id, version, external_userid) ?", sel)
		n = res.RowsAffected
		return res.Error
	})
	return n, domainError(err, "人群")
}
