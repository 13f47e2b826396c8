package db

import (
	"context"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

var _ app.DirectoryReader = (*DirectoryStore)(nil)

// Default page sizes of the directory reads; app.MaxPageSize caps them.
const (
	defaultCustomerPage = 50
	defaultFollowPage   = 100
	defaultGroupPage    = 20
	defaultTagPage      = 50
	defaultSyncPage     = 20
)

// page orders q by id after p.After and reads one more row than the page
// holds, so cut can tell whether another page follows.
func page(q *gorm.DB, p app.Page, def int) *gorm.DB {
	if p.After > 0 {
		q = q.Where("id > ?", p.After)
	}
	return q.Order("id").Limit(app.PageLimit(p.Limit, def) + 1)
}

// cut trims the extra row page read and returns the next cursor: the id of
// the page's last item, or 0 when no row followed it.
func cut[T any](rows []T, p app.Page, def int, id func(T) int64) ([]T, int64) {
	n := app.PageLimit(p.Limit, def)
	if len(rows) <= n {
		return rows, 0
	}
	rows = rows[:n]
	return rows, id(rows[n-1])
}

// ListCustomers returns a page of the corp's customers in id order, each
// with their current relations and those relations' tags.
func (s *DirectoryStore) ListCustomers(ctx context.Context, corpID int64, f app.CustomerFilter) ([]app.CustomerFollows, int64, error) {
	q := s.db.with(ctx).Table("customers").Where("corp_id = ?", corpID)
	if f.UserID != "" {
		q = q.Where("external_userid IN (?)", s.db.with(ctx).Table("follows").Select("external_userid").
			Where("corp_id = ? AND userid = ? AND deleted_at IS NULL", corpID, f.UserID))
	}
	var cs []app.Customer
	if err := page(q, f.Page, defaultCustomerPage).Find(&cs).Error; err != nil {
		return nil, 0, domainError(err, "客户")
	}
	cs, next := cut(cs, f.Page, defaultCustomerPage, func(c app.Customer) int64 { return c.ID })
	out := make([]app.CustomerFollows, len(cs))
	ids := make([]string, len(cs))
	for i, c := range cs {
		out[i].Customer, ids[i] = c, c.ExternalUserID
	}
	follows, err := s.followsOf(ctx, corpID, ids)
	for i := range out {
		out[i].Follows = follows[out[i].ExternalUserID]
	}
	return out, next, err
}

// followsOf returns the current relations of the given customers, with
// tags, by external userid.
func (s *DirectoryStore) followsOf(ctx context.Context, corpID int64, externalUserIDs []string) (map[string][]app.Follow, error) {
	out := map[string][]app.Follow{}
	if len(externalUserIDs) == 0 {
		return out, nil
	}
	var fs []app.Follow
	if err := s.db.with(ctx).Table("follows").Where("corp_id = ? AND deleted_at IS NULL AND external_userid IN ?", corpID, externalUserIDs).
		Order("id").Find(&fs).Error; err != nil {
		return nil, domainError(err, "跟进关系")
	}
	if err := s.attachTags(ctx, corpID, fs); err != nil {
		return nil, err
	}
	for _, f := range fs {
		out[f.ExternalUserID] = append(out[f.ExternalUserID], f)
	}
	return out, nil
}

// attachTags fills the TagIDs of fs (relations of one corp) in tag order.
func (s *DirectoryStore) attachTags(ctx context.Context, corpID int64, fs []app.Follow) error {
	if len(fs) == 0 {
		return nil
	}
	exts := make([]string, len(fs))
	for i, f := range fs {
		exts[i] = f.ExternalUserID
	}
	return s.fillTags(s.db.with(ctx).Table("follow_tags").Where("corp_id = ? AND external_userid IN ?", corpID, uniq(exts)), fs)
}
