package db

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// FindCustomer returns one customer of the corp by external userid.
func (s *DirectoryStore) FindCustomer(ctx context.Context, corpID int64, externalUserID string) (*app.Customer, error) {
	var c app.Customer
	err := s.db.with(ctx).Table("customers").Where("corp_id = ? AND external_userid = ?", corpID, externalUserID).Take(&c).Error
	if err != nil {
		return nil, domainError(err, "客户")
	}
	return &c, nil
}

// IsFollowing reports whether the member currently follows the customer:
// one indexed lookup, for access checks on every page.
func (s *DirectoryStore) IsFollowing(ctx context.Context, corpID int64, userID, externalUserID string) (bool, error) {
	var n int64
	err := s.pair(ctx, "follows", corpID, userID, externalUserID).Where("deleted_at IS NULL").Limit(1).Count(&n).Error
	return n > 0, domainError(err, "跟进关系")
}

// ExternalsByUnionID lists the corp's customers WeCom reported with
// unionid: the link from a member to their WeCom friendships.
func (s *DirectoryStore) ExternalsByUnionID(ctx context.Context, corpID int64, unionid string) ([]string, error) {
	var out []string
	err := s.db.with(ctx).Table("customers").Where("corp_id = ? AND unionid = ?", corpID, unionid).
		Order("external_userid").Pluck("external_userid", &out).Error
	return out, domainError(err, "客户")
}
