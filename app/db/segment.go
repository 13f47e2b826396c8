package db

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
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
	err := s.population(ctx, corpID, cond, now).Count(&n).Error
	return n, domainError(err, "人群")
}

// SampleSegment returns up to limit of the customers cond selects, by
// external_userid.
func (s *SegmentStore) SampleSegment(ctx context.Context, corpID int64, cond app.SegmentCond, now time.Time, limit int) ([]string, error) {
	var out []string
	err := s.population(ctx, corpID, cond, now).Order("c.external_userid").Limit(limit).Pluck("c.external_userid", &out).Error
	return out, domainError(err, "人群")
}

// Materialize writes the customers cond selects at now as version of
// segment id, in one INSERT … SELECT: the database does the work, and
// nothing is loaded. It returns how many were written.
func (s *SegmentStore) Materialize(ctx context.Context, corpID, id int64, version int, cond app.SegmentCond, now time.Time) (int64, error) {
	sel := s.population(ctx, corpID, cond, now).Select("c.corp_id, ?, ?, c.external_userid", id, version)
	res := s.db.with(ctx).Exec("INSERT INTO segment_members (corp_id, segment_id, version, external_userid) ?", sel)
	return res.RowsAffected, domainError(res.Error, "人群")
}
