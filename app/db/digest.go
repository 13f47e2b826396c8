package db

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// DigestStore keeps the daily digests' ledger (digest_sends); app/digest
// is its only writer.
type DigestStore struct{ db *DB }

// NewDigestStore returns a DigestStore on db.
func NewDigestStore(db *DB) *DigestStore { return &DigestStore{db: db} }

func (s *DigestStore) digests(ctx context.Context, corpID int64) *gorm.DB {
	return s.db.with(ctx).Table("digest_sends").Where("corp_id = ?", corpID)
}

// Claim writes d; claimed is false, and nothing is written, when the
// manager's digest of the day exists (another run got there first).
func (s *DigestStore) Claim(ctx context.Context, d *app.DigestSend) (claimed bool, err error) {
	d.CreatedAt = d.CreatedAt.UTC().Truncate(time.Millisecond)
	err = s.db.quiet(ctx).Table("digest_sends").Create(d).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return false, nil
	}
	return err == nil, domainError(err, "经营日报")
}

// Claimed returns the managers who have a digest of day.
func (s *DigestStore) Claimed(ctx context.Context, corpID int64, day string) (map[string]bool, error) {
	var ids []string
	err := s.digests(ctx, corpID).Where("day = ?", day).Pluck("userid", &ids).Error
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, domainError(err, "经营日报")
}

// Unsent lists the corp's claimed digests WeCom has not taken whose send
// failed, or that were claimed before claimedBefore (their run is gone),
// oldest first, at most limit.
func (s *DigestStore) Unsent(ctx context.Context, corpID int64, claimedBefore time.Time, limit int) ([]app.DigestSend, error) {
	var out []app.DigestSend
	err := s.digests(ctx, corpID).Where("status = ? AND (attempts > 0 OR created_at < ?)", app.DigestClaimed, claimedBefore.UTC()).
		Order("id").Limit(limit).Find(&out).Error
	return out, domainError(err, "经营日报")
}

// Mark records a send's outcome on digest id: status, msgid or error, one
// more attempt.
func (s *DigestStore) Mark(ctx context.Context, corpID, id int64, status, msgID, cause string, sentAt *time.Time) error {
	err := s.digests(ctx, corpID).Where("id = ?", id).Updates(map[string]any{"status": status, "msgid": msgID,
		"error": cause, "sent_at": sentAt, "attempts": gorm.Expr("attempts + 1")}).Error
	return domainError(err, "经营日报")
}

// Digests lists the corp's digests of day, by manager, for the console.
func (s *DigestStore) Digests(ctx context.Context, corpID int64, day string) ([]app.DigestSend, error) {
	var out []app.DigestSend
	err := s.digests(ctx, corpID).Where("day = ?", day).Order("userid").Find(&out).Error
	return out, domainError(err, "经营日报")
}
