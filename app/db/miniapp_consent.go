package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// AddConsents records accepted subscribe requests, one row each.
func (s *MiniAppStore) AddConsents(ctx context.Context, cs []app.MiniConsent) error {
	if len(cs) == 0 {
		return nil
	}
	return domainError(s.db.with(ctx).Create(&cs).Error, "订阅授权")
}

// SpentConsent returns the consent the notice key spent, not-found when
// none did.
func (s *MiniAppStore) SpentConsent(ctx context.Context, corpID int64, key string) (*app.MiniConsent, error) {
	var c app.MiniConsent
	err := s.db.with(ctx).Where("corp_id = ? AND spent_key = ?", corpID, key).Take(&c).Error
	return &c, domainError(err, "订阅授权")
}

// ClaimConsent spends the oldest unused consent to template of one of
// openIDs (a consent is WeChat's, per openid) on the notice key, with a
// conditional UPDATE: of two notices racing for one consent only one gets
// it. nil when none is left; a conflict when key already spent one.
func (s *MiniAppStore) ClaimConsent(ctx context.Context, c app.MiniConsent, openIDs []string, key string, at time.Time) (*app.MiniConsent, error) {
	if len(openIDs) == 0 {
		return nil, nil
	}
	for range 5 {
		var found app.MiniConsent
		err := s.db.with(ctx).Where("corp_id = ? AND app_id = ? AND template_id = ? AND openid IN ? AND spent_key IS NULL",
			c.CorpID, c.AppID, c.TemplateID, openIDs).Order("id").Take(&found).Error
		if err != nil {
			return nil, ignoreNotFound(domainError(err, "订阅授权"))
		}
		res := s.db.with(ctx).Model(&app.MiniConsent{}).Where("id = ? AND spent_key IS NULL", found.ID).
			Updates(map[string]any{"spent_key": key, "spent_at": at.UTC()})
		if res.Error != nil {
			return nil, domainError(res.Error, "订阅授权")
		}
		if res.RowsAffected == 1 {
			found.SpentKey, found.SpentAt = &key, &at
			return &found, nil
		}
	}
	return nil, app.Errorf(app.EUNAVAILABLE, "订阅授权争用过多，请稍后再试")
}

// FinishConsent settles the send that spent consent id: sent or refused.
func (s *MiniAppStore) FinishConsent(ctx context.Context, corpID, id int64, sent bool) error {
	err := s.db.with(ctx).Model(&app.MiniConsent{}).Where("corp_id = ? AND id = ?", corpID, id).
		Updates(map[string]any{"sent": sent, "settled": true}).Error
	return domainError(err, "订阅授权")
}

// ReleaseConsent gives back consent id, whose send failed before WeChat
// could spend it, for a later notice.
func (s *MiniAppStore) ReleaseConsent(ctx context.Context, corpID, id int64) error {
	err := s.db.with(ctx).Model(&app.MiniConsent{}).Where("corp_id = ? AND id = ? AND settled = ?", corpID, id, false).
		Updates(map[string]any{"spent_key": nil, "spent_at": nil}).Error
	return domainError(err, "订阅授权")
}

// ignoreNotFound is nil for a not-found error.
func ignoreNotFound(err error) error {
	if app.ErrorCode(err) == app.ENOTFOUND {
		return nil
	}
	return err
}
