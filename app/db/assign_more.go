package db

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// SetChannelTurn remembers whom a round-robin channel served last.
func (s *AssignStore) SetChannelTurn(ctx context.Context, corpID, channelID int64, userID string) error {
	row := map[string]any{"corp_id": corpID, "channel_id": channelID, "last_userid": userID, "updated_at": time.Now().UTC()}
	err := s.db.with(ctx).Table("channel_turns").Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "corp_id"}, {Name: "channel_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"last_userid", "updated_at"}),
	}).Create(row).Error
	return domainError(err, "轮转记录")
}

// ChannelTurn returns whom a round-robin channel served last, "" before
// its first customer.
func (s *AssignStore) ChannelTurn(ctx context.Context, corpID, channelID int64) (string, error) {
	var last []string
	err := s.db.with(ctx).Table("channel_turns").Where("corp_id = ? AND channel_id = ?", corpID, channelID).
		Limit(1).Pluck("last_userid", &last).Error
	if err != nil || len(last) == 0 {
		return "", domainError(err, "轮转记录")
	}
	return last[0], nil
}

// PooledOwners lists up to limit customers of corpID waiting in the pool,
// least recently tried first: a pooled owner's updated_at is when it was
// pooled or last tried (TouchOwner), so customers nobody can take yet go
// to the back rather than filling every pass.
func (s *AssignStore) PooledOwners(ctx context.Context, corpID int64, limit int) ([]app.Owner, error) {
	var out []app.Owner
	err := s.db.with(ctx).Table("customer_owners").Where("corp_id = ? AND status = ?", corpID, app.OwnerPool).
		Order("updated_at, external_userid").Limit(app.PageLimit(limit, 100)).Find(&out).Error
	return out, domainError(err, "客户归属")
}

// TouchOwner records that pooled owner o was tried and could not be placed.
func (s *AssignStore) TouchOwner(ctx context.Context, o app.Owner) error {
	err := s.db.with(ctx).Table("customer_owners").Where("corp_id = ? AND scope = ? AND external_userid = ?", o.CorpID, o.Scope, o.ExternalUserID).
		Update("updated_at", time.Now().UTC()).Error
	return domainError(err, "客户归属")
}
