package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// AttributionStore keeps rule versions, order credits and recompute runs
// (app/attribution is their only writer), and reads the orders, members
// and touches credit is decided from.
type AttributionStore struct{ db *DB }

// NewAttributionStore returns an AttributionStore on db.
func NewAttributionStore(db *DB) *AttributionStore { return &AttributionStore{db: db} }

// CreateRules inserts r as the scope's next version, numbering it: two
// saving at once clash on the version's unique key and one is refused.
func (s *AttributionStore) CreateRules(ctx context.Context, r *app.AttributionRules) error {
	var last *int
	err := s.db.with(ctx).Table("attribution_rules").Where("corp_id = ? AND scope = ?", r.CorpID, r.Scope).
		Select("MAX(version)").Scan(&last).Error
	if err != nil {
		return domainError(err, "业绩归属规则")
	}
	r.Version, r.CreatedAt = 1, time.Now().UTC()
	if last != nil {
		r.Version = *last + 1
	}
	return domainError(s.db.with(ctx).Table("attribution_rules").Create(r).Error, "业绩归属规则版本")
}

// LatestRules is the scope's newest rule version; not found before any.
func (s *AttributionStore) LatestRules(ctx context.Context, corpID, scope int64) (*app.AttributionRules, error) {
	var r app.AttributionRules
	err := s.db.with(ctx).Table("attribution_rules").Where("corp_id = ? AND scope = ?", corpID, scope).Order("version DESC").Take(&r).Error
	return &r, domainError(err, "业绩归属规则")
}

// FindRules returns rule version id of corpID.
func (s *AttributionStore) FindRules(ctx context.Context, corpID, id int64) (*app.AttributionRules, error) {
	return findBy[app.AttributionRules](ctx, s.db, "attribution_rules", corpID, "id", id, "业绩归属规则")
}

// ListRules lists the scope's rule versions, newest first.
func (s *AttributionStore) ListRules(ctx context.Context, corpID, scope int64) ([]app.AttributionRules, error) {
	var out []app.AttributionRules
	err := s.db.with(ctx).Table("attribution_rules").Where("corp_id = ? AND scope = ?", corpID, scope).Order("version DESC").Find(&out).Error
	return out, domainError(err, "业绩归属规则")
}
