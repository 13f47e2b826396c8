package db

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

var _ app.CorpService = (*CorpStore)(nil)

// CorpStore keeps corps.
type CorpStore struct{ db *DB }

// NewCorpStore returns a CorpStore on db.
func NewCorpStore(db *DB) *CorpStore { return &CorpStore{db: db} }

// CreateCorp validates and inserts c, filling its ID and timestamps.
func (s *CorpStore) CreateCorp(ctx context.Context, c *app.Corp) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return domainError(s.db.with(ctx).Create(c).Error, "企业")
}

// FindCorpByID returns the corp with Siyu's id.
func (s *CorpStore) FindCorpByID(ctx context.Context, id int64) (*app.Corp, error) {
	var c app.Corp
	err := s.db.with(ctx).Where("id = ?", id).Take(&c).Error
	return &c, domainError(err, "企业")
}

// FindCorpByCorpID returns the corp with WeCom's corpid.
func (s *CorpStore) FindCorpByCorpID(ctx context.Context, corpID string) (*app.Corp, error) {
	var c app.Corp
	err := s.db.with(ctx).Where("corp_id = ?", corpID).Take(&c).Error
	return &c, domainError(err, "企业")
}

// ListCorps returns every corp in id order; a deployment has few.
func (s *CorpStore) ListCorps(ctx context.Context) ([]*app.Corp, error) {
	var out []*app.Corp
	err := s.db.with(ctx).Order("id").Find(&out).Error
	return out, domainError(err, "企业")
}
