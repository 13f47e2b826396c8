package db

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// ListHolidays returns corpID's calendar by date.
func (s *JourneyStore) ListHolidays(ctx context.Context, corpID int64) ([]app.Holiday, error) {
	var hs []app.Holiday
	err := s.db.with(ctx).Table("journey_holidays").Where("corp_id = ?", corpID).Order("date, code").Find(&hs).Error
	return hs, domainError(err, "节日")
}

// HolidayOn reports whether holiday code falls on date (YYYY-MM-DD) in
// corpID's calendar.
func (s *JourneyStore) HolidayOn(ctx context.Context, corpID int64, code, date string) (bool, error) {
	var n int64
	err := s.db.with(ctx).Table("journey_holidays").Where("corp_id = ? AND code = ? AND date = ?", corpID, code, date).Count(&n).Error
	return n > 0, domainError(err, "节日")
}

// SaveHoliday writes h, replacing the date the corp had for its code and
// year.
func (s *JourneyStore) SaveHoliday(ctx context.Context, h *app.Holiday) error {
	h.UpdatedAt = time.Now().UTC()
	err := s.db.with(ctx).Table("journey_holidays").
		Clauses(upsert([]string{"corp_id", "code", "year"}, []string{"name", "date", "updated_at"})).Create(h).Error
	return domainError(err, "节日")
}

// DeleteHoliday removes holiday code of year from corpID's calendar.
func (s *JourneyStore) DeleteHoliday(ctx context.Context, corpID int64, code string, year int) error {
	res := s.db.with(ctx).Table("journey_holidays").Where("corp_id = ? AND code = ? AND year = ?", corpID, code, year).Delete(&app.Holiday{})
	if res.Error == nil && res.RowsAffected == 0 {
		return app.Errorf(app.ENOTFOUND, "节日不存在")
	}
	return domainError(res.Error, "节日")
}

// SeedHolidays adds hs to corpID's calendar, keeping any date the corp
// already has for a code and year (an edit is never undone).
func (s *JourneyStore) SeedHolidays(ctx context.Context, corpID int64, hs []app.Holiday) error {
	now := time.Now().UTC()
	for i := range hs {
		hs[i].CorpID, hs[i].UpdatedAt = corpID, now
	}
	err := s.db.with(ctx).Table("journey_holidays").Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(hs, 100).Error
	return domainError(err, "节日")
}

// CountHolidays returns how many dates corpID's calendar holds.
func (s *JourneyStore) CountHolidays(ctx context.Context, corpID int64) (int64, error) {
	var n int64
	err := s.db.with(ctx).Table("journey_holidays").Where("corp_id = ?", corpID).Count(&n).Error
	return n, domainError(err, "节日")
}
