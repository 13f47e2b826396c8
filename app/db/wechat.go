package db

import (
	"context"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/secret"
)

// WeChatStore keeps the corps' 公众号 and their parametric QR codes,
// sealing each account's credentials with the deployment key as
// CorpStore does a corp's; app/wechat is its only writer.
type WeChatStore struct {
	db  *DB
	box *secret.Box
}

// NewWeChatStore returns a WeChatStore on db sealing with box.
func NewWeChatStore(db *DB, box *secret.Box) *WeChatStore { return &WeChatStore{db: db, box: box} }

// wechatAppRow is a 公众号 as stored: the same fields, secrets sealed.
type wechatAppRow struct {
	ID             int64
	CorpID         int64
	AppID          string `gorm:"column:appid"`
	Name           string
	BrandID        *int64
	Mode           string
	Token          string
	EncodingAESKey string `gorm:"column:encoding_aes_key"`
	AppSecret      string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// TableName is the table gorm reads and writes the row in.
func (wechatAppRow) TableName() string { return "wechat_apps" }

// CreateWeChatApp inserts a, filling its id and times; a taken appid
// conflicts.
func (s *WeChatStore) CreateWeChatApp(ctx context.Context, a *app.WeChatApp) error {
	row, err := s.seal(a)
	if err != nil {
		return err
	}
	if err := s.db.with(ctx).Create(row).Error; err != nil {
		return domainError(err, "公众号")
	}
	a.ID, a.CreatedAt, a.UpdatedAt = row.ID, row.CreatedAt, row.UpdatedAt
	return nil
}

// UpdateWeChatApp replaces a's name, brand and sealed credentials.
func (s *WeChatStore) UpdateWeChatApp(ctx context.Context, a *app.WeChatApp) error {
	row, err := s.seal(a)
	if err != nil {
		return err
	}
	res := s.db.with(ctx).Model(&wechatAppRow{}).Where("corp_id = ? AND id = ?", a.CorpID, a.ID).Updates(map[string]any{
		"name": row.Name, "brand_id": row.BrandID, "mode": row.Mode, "token": row.Token, "encoding_aes_key": row.EncodingAESKey,
		"app_secret": row.AppSecret, "updated_at": time.Now().UTC()})
	if res.Error == nil && res.RowsAffected == 0 {
		return app.Errorf(app.ENOTFOUND, "公众号不存在")
	}
	return domainError(res.Error, "公众号")
}

// FindWeChatApp returns the corp's 公众号 id.
func (s *WeChatStore) FindWeChatApp(ctx context.Context, corpID, id int64) (*app.WeChatApp, error) {
	return s.findApp(ctx, "corp_id = ? AND id = ?", corpID, id)
}

// FindWeChatAppByAppID returns the 公众号 with appid, of whichever corp:
// the callback URL names it by appid alone.
func (s *WeChatStore) FindWeChatAppByAppID(ctx context.Context, appid string) (*app.WeChatApp, error) {
	return s.findApp(ctx, "appid = ?", appid)
}

func (s *WeChatStore) findApp(ctx context.Context, where string, args ...any) (*app.WeChatApp, error) {
	var row wechatAppRow
	if err := s.db.with(ctx).Where(where, args...).Take(&row).Error; err != nil {
		return nil, domainError(err, "公众号")
	}
	return s.open(&row)
}

// ListWeChatApps returns a page of the corp's 公众号 in id order.
func (s *WeChatStore) ListWeChatApps(ctx context.Context, corpID int64, p app.Page) ([]app.WeChatApp, int64, error) {
	var rows []wechatAppRow
	err := page(s.db.with(ctx).Where("corp_id = ?", corpID), p, defaultOrgPage).Find(&rows).Error
	rows, next := cut(rows, p, defaultOrgPage, func(r wechatAppRow) int64 { return r.ID })
	if err != nil {
		return nil, 0, domainError(err, "公众号")
	}
	out := make([]app.WeChatApp, len(rows))
	for i := range rows {
		a, err := s.open(&rows[i])
		if err != nil {
			return nil, 0, err
		}
		out[i] = *a
	}
	return out, next, nil
}

func (s *WeChatStore) seal(a *app.WeChatApp) (*wechatAppRow, error) {
	row := &wechatAppRow{ID: a.ID, CorpID: a.CorpID, AppID: a.AppID, Name: a.Name, BrandID: a.BrandID, Mode: a.Mode}
	for dst, plain := range map[*string]string{&row.Token: a.Token, &row.EncodingAESKey: a.EncodingAESKey, &row.AppSecret: a.AppSecret} {
		sealed, err := s.box.Seal(plain)
		if err != nil {
			return nil, app.Wrap(app.EINTERNAL, err, "")
		}
		*dst = sealed
	}
	return row, nil
}

func (s *WeChatStore) open(row *wechatAppRow) (*app.WeChatApp, error) {
	a := &app.WeChatApp{ID: row.ID, CorpID: row.CorpID, AppID: row.AppID, Name: row.Name, BrandID: row.BrandID, Mode: row.Mode,
		CreatedAt: row.CreatedAt, UpdatedAt: row.UpdatedAt}
	for dst, sealed := range map[*string]string{&a.Token: row.Token, &a.EncodingAESKey: row.EncodingAESKey, &a.AppSecret: row.AppSecret} {
		plain, err := s.box.Open(sealed)
		if err != nil {
			return nil, app.Wrap(app.EINTERNAL, fmt.Errorf("公众号 %s credentials: %w", row.AppID, err), "")
		}
		*dst = plain
	}
	return a, nil
}
