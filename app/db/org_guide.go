package db

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// guides selects a corp's guides with their store's code.
func (s *OrgStore) guides(ctx context.Context, corpID int64) *gorm.DB {
	return s.db.with(ctx).Table("guides").Select("guides.*, stores.code AS store_code").
		Joins("JOIN stores ON stores.corp_id = guides.corp_id AND stores.id = guides.store_id").
		Where("guides.corp_id = ?", corpID)
}

// ListGuides returns a page of the corp's guides in id order.
func (s *OrgStore) ListGuides(ctx context.Context, corpID int64, f app.GuideFilter) ([]app.Guide, int64, error) {
	q := s.guides(ctx, corpID)
	if f.StoreID > 0 {
		q = q.Where("guides.store_id = ?", f.StoreID)
	}
	if f.Status != "" {
		q = q.Where("guides.status = ?", f.Status)
	}
	if f.Role != "" {
		q = q.Where("guides.role = ?", f.Role)
	}
	if f.After > 0 {
		q = q.Where("guides.id > ?", f.After)
	}
	var gs []app.Guide
	err := q.Order("guides.id").Limit(app.PageLimit(f.Limit, defaultOrgPage) + 1).Find(&gs).Error
	gs, next := cut(gs, f.Page, defaultOrgPage, func(g app.Guide) int64 { return g.ID })
	return gs, next, domainError(err, "导购")
}

// FindGuide returns guide id of corpID.
func (s *OrgStore) FindGuide(ctx context.Context, corpID, id int64) (*app.Guide, error) {
	var g app.Guide
	return &g, domainError(s.guides(ctx, corpID).Where("guides.id = ?", id).Take(&g).Error, "导购")
}

// FindGuideByUserID returns the corp's guide binding of a WeCom member.
func (s *OrgStore) FindGuideByUserID(ctx context.Context, corpID int64, userID string) (*app.Guide, error) {
	var g app.Guide
	return &g, domainError(s.guides(ctx, corpID).Where("guides.userid = ?", userID).Take(&g).Error, "导购")
}

// CreateGuide inserts g (with StoreID set); a bound userid conflicts.
func (s *OrgStore) CreateGuide(ctx context.Context, g *app.Guide) error {
	return domainError(s.db.with(ctx).Table("guides").Create(g).Error, "该成员的导购绑定")
}

// UpdateGuide writes g's name, store, role and status.
func (s *OrgStore) UpdateGuide(ctx context.Context, g *app.Guide) error {
	return s.updateRow(ctx, "guides", g.CorpID, g.ID, map[string]any{
		"userid": g.UserID, "name": g.Name, "store_id": g.StoreID, "role": g.Role, "status": g.Status, "left_at": g.LeftAt,
	}, "导购", "该成员的导购绑定")
}

// LeaveGuide marks guide id left at at.
func (s *OrgStore) LeaveGuide(ctx context.Context, corpID, id int64, at time.Time) error {
	return s.updateRow(ctx, "guides", corpID, id, map[string]any{"status": app.GuideLeft, "left_at": at}, "导购", "导购")
}

// ActiveGuides returns the store of each of userIDs that is an active
// guide of the corp; the others are absent.
func (s *OrgStore) ActiveGuides(ctx context.Context, corpID int64, userIDs []string) (map[string]int64, error) {
	out := map[string]int64{}
	if len(userIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		UserID  string `gorm:"column:userid"`
		StoreID int64
	}
	err := s.db.with(ctx).Table("guides").Select("userid, store_id").
		Where("corp_id = ? AND status = ? AND userid IN ?", corpID, app.GuideActive, userIDs).Find(&rows).Error
	for _, r := range rows {
		out[r.UserID] = r.StoreID
	}
	return out, domainError(err, "导购")
}

// GuidesByUserID returns the corp's guide bindings of userIDs, by userid;
// members who are not guides are absent.
func (s *OrgStore) GuidesByUserID(ctx context.Context, corpID int64, userIDs []string) (map[string]app.Guide, error) {
	out := map[string]app.Guide{}
	if len(userIDs) == 0 {
		return out, nil
	}
	var gs []app.Guide
	err := s.guides(ctx, corpID).Where("guides.userid IN ?", userIDs).Find(&gs).Error
	for _, g := range gs {
		out[g.UserID] = g
	}
	return out, domainError(err, "导购")
}

// GuideNames returns the names of the guides among userIDs, by userid
// (those without a name absent): what pages naming many guides at once
// need, read without building whole guides.
func (s *OrgStore) GuideNames(ctx context.Context, corpID int64, userIDs []string) (map[string]string, error) {
	out := make(map[string]string, len(userIDs))
	if len(userIDs) == 0 {
		return out, nil
	}
	rows, err := s.db.with(ctx).Raw("SELECT userid, name FROM guides WHERE corp_id = ? AND userid IN ? AND name <> ''", corpID, userIDs).Rows()
	if err != nil {
		return nil, domainError(err, "导购")
	}
	defer rows.Close()
	for rows.Next() {
		var u, n string
		if err := rows.Scan(&u, &n); err != nil {
			return nil, domainError(err, "导购")
		}
		out[u] = n
	}
	return out, domainError(rows.Err(), "导购")
}
