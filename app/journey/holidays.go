package journey

import (
	"context"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// codePattern is what a holiday code may be: a stable key in lower case.
var codePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)

// Holidays returns corpID's calendar, seeding it with the common holidays
// the first time.
func (s *Service) Holidays(ctx context.Context, corpID int64) ([]app.Holiday, error) {
	if err := s.ensureCalendar(ctx, corpID); err != nil {
		return nil, err
	}
	return s.Store.ListHolidays(ctx, corpID)
}

// SaveHoliday adds a holiday's date for a year, or changes it.
func (s *Service) SaveHoliday(ctx context.Context, corpID int64, actor string, h app.Holiday) (*app.Holiday, error) {
	if err := s.ensureCalendar(ctx, corpID); err != nil {
		return nil, err
	}
	var f app.Fields
	h.CorpID, h.Name = corpID, strings.TrimSpace(h.Name)
	f.Check(!codePattern.MatchString(h.Code), "code", "节日代码须是小写字母开头的字母、数字或下划线（不超过32位）")
	f.Check(h.Name == "" || utf8.RuneCountInString(h.Name) > 32, "name", "节日名称不能为空且不超过32个字")
	d, err := time.Parse("2006-01-02", h.Date)
	f.Check(err != nil, "date", "日期须是 YYYY-MM-DD")
	f.Check(err == nil && h.Year != 0 && d.Year() != h.Year, "year", "年份须与日期的年份一致")
	if err := f.Err(); err != nil {
		return nil, err
	}
	h.Year = d.Year()
	if err := s.Store.SaveHoliday(ctx, &h); err != nil {
		return nil, err
	}
	return &h, s.auditHoliday(ctx, &h, actor, "journey.holiday.save")
}

// DeleteHoliday removes a holiday's date of one year.
func (s *Service) DeleteHoliday(ctx context.Context, corpID int64, actor, code string, year int) error {
	if err := s.Store.DeleteHoliday(ctx, corpID, code, year); err != nil {
		return err
	}
	return s.auditHoliday(ctx, &app.Holiday{CorpID: corpID, Code: code, Year: year}, actor, "journey.holiday.delete")
}

// ensureCalendar seeds corpID's calendar when it holds no date at all.
func (s *Service) ensureCalendar(ctx context.Context, corpID int64) error {
	n, err := s.Store.CountHolidays(ctx, corpID)
	if err != nil || n > 0 {
		return err
	}
	return s.Store.SeedHolidays(ctx, corpID, SeedHolidays())
}

// holidayCodes are the codes of corpID's calendar, any year.
func (s *Service) holidayCodes(ctx context.Context, corpID int64) (map[string]bool, error) {
	hs, err := s.Holidays(ctx, corpID)
	codes := map[string]bool{}
	for _, h := range hs {
		codes[h.Code] = true
	}
	return codes, err
}

// auditHoliday records a calendar change.
func (s *Service) auditHoliday(ctx context.Context, h *app.Holiday, actor, action string) error {
	if s.Audit == nil {
		return nil
	}
	return s.Audit.Record(ctx, app.AuditChange{CorpID: h.CorpID, Actor: actor, Action: action, TargetType: "holiday",
		Detail: map[string]any{"code": h.Code, "year": h.Year, "name": h.Name, "date": h.Date}})
}
