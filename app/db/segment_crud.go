package db

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// CreateSegment inserts g; a taken name conflicts.
func (s *SegmentStore) CreateSegment(ctx context.Context, g *app.Segment) error {
	return domainError(s.db.with(ctx).Table("segments").Create(g).Error, "同名人群")
}

// FindSegment returns segment id of corpID.
func (s *SegmentStore) FindSegment(ctx context.Context, corpID, id int64) (*app.Segment, error) {
	return findBy[app.Segment](ctx, s.db, "segments", corpID, "id", id, "人群")
}

// ListSegments pages the corp's segments in id order.
func (s *SegmentStore) ListSegments(ctx context.Context, corpID int64, p app.Page) ([]app.Segment, int64, error) {
	return listIn(ctx, s.db, "segments", corpID, p, func(g app.Segment) int64 { return g.ID }, "人群")
}

// UpdateSegment writes g's name, rule and refresh period.
func (s *SegmentStore) UpdateSegment(ctx context.Context, g *app.Segment) error {
	err := s.db.with(ctx).Table("segments").Where("corp_id = ? AND id = ?", g.CorpID, g.ID).
		Updates(map[string]any{"name": g.Name, "rule": g.Rule, "refresh_hours": g.RefreshHours, "updated_at": time.Now().UTC()}).Error
	return domainError(err, "同名人群")
}

// NextVersion claims segment id's next snapshot version: the row lock the
// update takes makes two refreshes of one segment take turns.
func (s *SegmentStore) NextVersion(ctx context.Context, corpID, id int64) (int, error) {
	q := s.db.with(ctx).Table("segments").Where("corp_id = ? AND id = ?", corpID, id)
	if err := q.Update("version", gorm.Expr("version + 1")).Error; err != nil {
		return 0, domainError(err, "人群")
	}
	g, err := s.FindSegment(ctx, corpID, id)
	return g.Version, err
}

// FinishSnapshot records version's size and time, and drops snapshots
// older than keep versions back.
func (s *SegmentStore) FinishSnapshot(ctx context.Context, corpID, id int64, version int, count int64, at time.Time, keep int) error {
	err := s.db.with(ctx).Table("segments").Where("corp_id = ? AND id = ?", corpID, id).
		Updates(map[string]any{"count": count, "refreshed_at": at}).Error
	if err == nil {
		err = s.db.with(ctx).Table("segment_members").Where("segment_id = ? AND version <= ?", id, version-keep).Delete(map[string]any{}).Error
	}
	return domainError(err, "人群")
}

// SnapshotMembers pages the external_userids of segment id's version,
// after the given one (the cursor).
func (s *SegmentStore) SnapshotMembers(ctx context.Context, corpID, id int64, version int, after string, limit int) ([]string, error) {
	var out []string
	err := s.db.with(ctx).Table("segment_members").Where("corp_id = ? AND segment_id = ? AND version = ? AND external_userid > ?", corpID, id, version, after).
		Order("external_userid").Limit(app.PageLimit(limit, 100)).Pluck("external_userid", &out).Error
	return out, domainError(err, "人群")
}

// SnapshotSizes counts the customers of each of segment id's snapshots.
func (s *SegmentStore) SnapshotSizes(ctx context.Context, corpID, id int64) (map[int]int64, error) {
	var rows []struct {
		Version int
		N       int64
	}
	err := s.db.with(ctx).Table("segment_members").Select("version, COUNT(*) AS n").
		Where("corp_id = ? AND segment_id = ?", corpID, id).Group("version").Scan(&rows).Error
	out := make(map[int]int64, len(rows))
	for _, r := range rows {
		out[r.Version] = r.N
	}
	return out, domainError(err, "人群")
}

// DueSegments lists segments of every corp whose refresh period has
// passed at now.
func (s *SegmentStore) DueSegments(ctx context.Context, now time.Time) ([]app.Segment, error) {
	var all []app.Segment
	err := s.db.with(ctx).Table("segments").Where("refresh_hours > 0").Order("id").Find(&all).Error
	var out []app.Segment
	for _, g := range all {
		if g.RefreshedAt == nil || !g.RefreshedAt.Add(time.Duration(g.RefreshHours)*time.Hour).After(now) {
			out = append(out, g)
		}
	}
	return out, domainError(err, "人群")
}
