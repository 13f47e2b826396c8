package db

import (
	"context"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/secret"
)

// MiniAppStore keeps the corps' mini-programs and their consumers'
// subscribe consents, sealing each AppSecret with the deployment key as
// WeChatStore does a 公众号's; app/miniapp is its only writer.
type MiniAppStore struct {
	db  *DB
	box *secret.Box
}

// NewMiniAppStore returns a MiniAppStore on db sealing with box.
func NewMiniAppStore(db *DB, box *secret.Box) *MiniAppStore { return &MiniAppStore{db: db, box: box} }

// miniAppRow is a mini-program as stored: the same fields, secret sealed.
type miniAppRow struct {
	ID             int64
	CorpID         int64
	AppID          string `gorm:"column:appid"`
	Name           string
	BrandID        *int64
	AppSecret      string
	JoinTemplate   string
	RewardTemplate string
	CampaignPage   string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// TableName is the table gorm reads and writes the row in.
func (miniAppRow) TableName() string { return "mini_apps" }

// CreateMiniApp inserts a, filling its id and times; a taken appid
// conflicts.
func (s *MiniAppStore) CreateMiniApp(ctx context.Context, a *app.MiniApp) error {
	row, err := s.seal(a)
	if err != nil {
		return err
	}
	if err := s.db.with(ctx).Create(row).Error; err != nil {
		return domainError(err, "小程序")
	}
	a.ID, a.CreatedAt, a.UpdatedAt = row.ID, row.CreatedAt, row.UpdatedAt
	return nil
}

// UpdateMiniApp replaces a's name, brand, templates, page and secret.
func (s *MiniAppStore) UpdateMiniApp(ctx context.Context, a *app.MiniApp) error {
	row, err := s.seal(a)
	if err != nil {
		return err
	}
	res := s.db.with(ctx).Model(&miniAppRow{}).Where("corp_id = ? AND id = ?", a.CorpID, a.ID).Updates(map[string]any{
		"name": row.Name, "brand_id": row.BrandID, "app_secret": row.AppSecret, "join_template": row.JoinTemplate,
		"reward_template": row.RewardTemplate, "campaign_page": row.CampaignPage, "updated_at": time.Now().UTC()})
	if res.Error == nil && res.RowsAffected == 0 {
		return app.Errorf(app.ENOTFOUND, "小程序不存在")
	}
	return domainError(res.Error, "小程序")
}

// FindMiniApp returns the corp's mini-program id.
func (s *MiniAppStore) FindMiniApp(ctx context.Context, corpID, id int64) (*app.MiniApp, error) {
	return s.findApp(ctx, "corp_id = ? AND id = ?", corpID, id)
}

// FindMiniAppByAppID returns the mini-program with appid, of whichever
// corp: a consumer's login names it by appid alone.
func (s *MiniAppStore) FindMiniAppByAppID(ctx context.Context, appid string) (*app.MiniApp, error) {
	return s.findApp(ctx, "appid = ?", appid)
}

func (s *MiniAppStore) findApp(ctx context.Context, where string, args ...any) (*app.MiniApp, error) {
	var row miniAppRow
	if err := s.db.with(ctx).Where(where, args...).Take(&row).Error; err != nil {
		return nil, domainError(err, "小程序")
	}
	return s.open(&row)
}

// ListMiniApps returns a page of the corp's mini-programs in id order.
func (s *MiniAppStore) ListMiniApps(ctx context.Context, corpID int64, p app.Page) ([]app.MiniApp, int64, error) {
	var rows []miniAppRow
	err := page(s.db.with(ctx).Where("corp_id = ?", corpID), p, defaultOrgPage).Find(&rows).Error
	rows, next := cut(rows, p, defaultOrgPage, func(r miniAppRow) int64 { return r.ID })
	if err != nil {
		return nil, 0, domainError(err, "小程序")
	}
	out := make([]app.MiniApp, len(rows))
	for i := range rows {
		a, err := s.open(&rows[i])
		if err != nil {
			return nil, 0, err
		}
		out[i] = *a
	}
	return out, next, nil
}

func (s *MiniAppStore) seal(a *app.MiniApp) (*miniAppRow, error) {
	sealed, err := s.box.Seal(a.AppSecret)
	if err != nil {
		return nil, app.Wrap(app.EINTERNAL, err, "")
	}
	return &miniAppRow{ID: a.ID, CorpID: a.CorpID, AppID: a.AppID, Name: a.Name, BrandID: a.BrandID, AppSecret: sealed,
		JoinTemplate: a.JoinTemplate, RewardTemplate: a.RewardTemplate, CampaignPage: a.CampaignPage}, nil
}

func (s *MiniAppStore) open(row *miniAppRow) (*app.MiniApp, error) {
	plain, err := s.box.Open(row.AppSecret)
	if err != nil {
		return nil, app.Wrap(app.EINTERNAL, fmt.Errorf("小程序 %s secret: %w", row.AppID, err), "")
	}
	return &app.MiniApp{ID: row.ID, CorpID: row.CorpID, AppID: row.AppID, Name: row.Name, BrandID: row.BrandID, AppSecret: plain,
		JoinTemplate: row.JoinTemplate, RewardTemplate: row.RewardTemplate, CampaignPage: row.CampaignPage,
		CreatedAt: row.CreatedAt, UpdatedAt: row.UpdatedAt}, nil
}
