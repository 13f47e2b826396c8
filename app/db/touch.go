package db

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// TouchStore keeps the touch ledger and the share links; app/touch is its
// only writer.
type TouchStore struct{ db *DB }

// NewTouchStore returns a TouchStore on db.
func NewTouchStore(db *DB) *TouchStore { return &TouchStore{db: db} }

// AppendTouches adds ts to the ledger; a touch whose source is already
// there is skipped, so a source event counts once however often it comes.
func (s *TouchStore) AppendTouches(ctx context.Context, ts []app.Touch) error {
	if len(ts) == 0 {
		return nil
	}
	now := time.Now().UTC()
	for i := range ts {
		ts[i].CreatedAt = now
	}
	err := s.db.with(ctx).Table("touches").Clauses(clause.OnConflict{DoNothing: true}).Create(&ts).Error
	return domainError(err, "触点")
}

// TouchesOf lists a customer's touches, newest first, at most limit.
func (s *TouchStore) TouchesOf(ctx context.Context, corpID int64, externalUserID string, limit int) ([]app.Touch, error) {
	var out []app.Touch
	err := s.db.with(ctx).Table("touches").Where("corp_id = ? AND external_userid = ?", corpID, externalUserID).
		Order("at DESC, id DESC").Limit(app.PageLimit(limit, 50)).Find(&out).Error
	return out, domainError(err, "触点")
}

// ListTouches pages the corp's touches in id order, narrowed by f.
func (s *TouchStore) ListTouches(ctx context.Context, corpID int64, f app.TouchFilter) ([]app.Touch, int64, error) {
	q := s.db.with(ctx).Table("touches").Where("corp_id = ?", corpID)
	for col, v := range map[string]string{"kind": f.Kind, "external_userid": f.ExternalUserID, "userid": f.UserID} {
		if v != "" {
			q = q.Where(col+" = ?", v)
		}
	}
	if f.MemberID != 0 {
		q = q.Where("member_id = ?", f.MemberID)
	}
	var rows []app.Touch
	err := page(q, f.Page, defaultOrgPage).Find(&rows).Error
	rows, next := cut(rows, f.Page, defaultOrgPage, func(t app.Touch) int64 { return t.ID })
	return rows, next, domainError(err, "触点")
}

// CreateShareLink inserts l; a taken code is a conflict the caller
// answers with another code.
func (s *TouchStore) CreateShareLink(ctx context.Context, l *app.ShareLink) error {
	return domainError(s.db.with(ctx).Table("share_links").Create(l).Error, "分享链接")
}

// FindShareLink returns the link with code, of whichever corp: the code
// alone is what a click carries.
func (s *TouchStore) FindShareLink(ctx context.Context, code string) (*app.ShareLink, error) {
	var l app.ShareLink
	err := s.db.with(ctx).Table("share_links").Where("code = ?", code).Take(&l).Error
	return &l, domainError(err, "分享链接")
}

// CountClick adds one to link id's clicks.
func (s *TouchStore) CountClick(ctx context.Context, corpID, id int64) error {
	err := s.db.with(ctx).Table("share_links").Where("corp_id = ? AND id = ?", corpID, id).
		Update("clicks", gorm.Expr("clicks + 1")).Error
	return domainError(err, "分享链接")
}

// ListShareLinks pages the corp's links, a guide's when userID is set.
func (s *TouchStore) ListShareLinks(ctx context.Context, corpID int64, userID string, p app.Page) ([]app.ShareLink, int64, error) {
	q := s.db.with(ctx).Table("share_links").Where("corp_id = ?", corpID)
	if userID != "" {
		q = q.Where("userid = ?", userID)
	}
	var rows []app.ShareLink
	err := page(q, p, defaultOrgPage).Find(&rows).Error
	rows, next := cut(rows, p, defaultOrgPage, func(l app.ShareLink) int64 { return l.ID })
	return rows, next, domainError(err, "分享链接")
}
