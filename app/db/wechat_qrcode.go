package db

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

const wechatQRTable = "wechat_qrcodes"

// LockWeChatApp reads the corp's 公众号 id locking its row until the
// transaction ctx carries ends (on every node of a Galera cluster too: the
// codes are counted, not written to the account's row), so two permanent
// codes created at once are counted one after the other against the
// account's cap. (SQLite's writers pass one at a time already.)
func (s *WeChatStore) LockWeChatApp(ctx context.Context, corpID, id int64) error {
	var ids []int64
	err := s.db.with(ctx).Table("wechat_apps").Clauses(clause.Locking{Strength: "UPDATE"}).
		Where("corp_id = ? AND id = ?", corpID, id).Pluck("id", &ids).Error
	if err == nil {
		err = s.db.clusterLock(ctx, corpID, "wechat_apps", ids)
	}
	if err == nil && len(ids) == 0 {
		return app.Errorf(app.ENOTFOUND, "公众号不存在")
	}
	return domainError(err, "公众号")
}

// CountPermanentQRCodes counts the account's permanent codes, whatever
// their status: one being created or whose creation's answer was lost may
// exist at WeChat, where none is ever reclaimed.
func (s *WeChatStore) CountPermanentQRCodes(ctx context.Context, appID int64) (int64, error) {
	var n int64
	err := s.db.with(ctx).Table(wechatQRTable).Where("app_id = ? AND permanent = ?", appID, true).Count(&n).Error
	return n, domainError(err, "二维码")
}

// CreateQRCode inserts q; a scene the account already uses conflicts.
func (s *WeChatStore) CreateQRCode(ctx context.Context, q *app.WeChatQRCode) error {
	return domainError(s.db.quiet(ctx).Table(wechatQRTable).Create(q).Error, "二维码场景")
}

// FinishQRCode records WeChat's answer on q: ticket, url, expiry, status.
func (s *WeChatStore) FinishQRCode(ctx context.Context, q *app.WeChatQRCode) error {
	q.UpdatedAt = time.Now().UTC()
	err := s.db.with(ctx).Table(wechatQRTable).Where("corp_id = ? AND id = ?", q.CorpID, q.ID).Updates(map[string]any{
		"ticket": q.Ticket, "url": q.URL, "expires_at": q.ExpiresAt, "status": q.Status, "updated_at": q.UpdatedAt}).Error
	return domainError(err, "二维码")
}

// DeleteQRCode drops a code WeChat refused to make: nothing exists there.
func (s *WeChatStore) DeleteQRCode(ctx context.Context, corpID, id int64) error {
	err := s.db.with(ctx).Table(wechatQRTable).Where("corp_id = ? AND id = ?", corpID, id).Delete(map[string]any{}).Error
	return domainError(err, "二维码")
}

// FindQRCode returns the corp's code id.
func (s *WeChatStore) FindQRCode(ctx context.Context, corpID, id int64) (*app.WeChatQRCode, error) {
	return findBy[app.WeChatQRCode](ctx, s.db, wechatQRTable, corpID, "id", id, "二维码")
}

// FindQRCodeByScene returns the account's code with scene.
func (s *WeChatStore) FindQRCodeByScene(ctx context.Context, appID int64, scene string) (*app.WeChatQRCode, error) {
	var q app.WeChatQRCode
	err := s.db.with(ctx).Table(wechatQRTable).Where("app_id = ? AND scene = ?", appID, scene).Take(&q).Error
	return &q, domainError(err, "二维码")
}

// ListQRCodes returns a page of the corp's codes in id order, of one
// account when appID is not 0.
func (s *WeChatStore) ListQRCodes(ctx context.Context, corpID, appID int64, p app.Page) ([]app.WeChatQRCode, int64, error) {
	q := s.db.with(ctx).Table(wechatQRTable).Where("corp_id = ?", corpID)
	if appID != 0 {
		q = q.Where("app_id = ?", appID)
	}
	var rows []app.WeChatQRCode
	err := page(q, p, defaultOrgPage).Find(&rows).Error
	rows, next := cut(rows, p, defaultOrgPage, func(r app.WeChatQRCode) int64 { return r.ID })
	return rows, next, domainError(err, "二维码")
}
