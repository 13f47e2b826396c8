package journey_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
)

func fieldsOf(err error) []string {
	var out []string
	for _, f := range app.ErrorFields(err) {
		out = append(out, f.Field)
	}
	return out
}

func TestJourneyValidation(t *testing.T) {
	w := newWorld(t, config.DriverSQLite, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	svc := w.service()
	t.Run("EveryInvalidFieldAtOnce", func(t *testing.T) {
		_, err := svc.Create(w.ctx, w.corp, "user:1", app.Journey{Trigger: app.JourneyTrigger{Kind: app.TriggerHoliday, Holiday: "nope"},
			Steps: []app.JourneyStep{{At: "25:00", Action: app.ActionTask}, {At: "09:00", Action: app.ActionTagAdd, Days: 400}}})
		require.Error(t, err)
		assert.Equal(t, app.EINVALID, app.ErrorCode(err))
		assert.ElementsMatch(t, []string{"name", "reentry", "trigger.holiday", "steps[0].at", "steps[0].content",
			"steps[1].days", "steps[1].tag_id"}, fieldsOf(err))
		assert.Contains(t, app.ErrorMessage(err), "旅程名称不能为空")
	})
	t.Run("MassSendRefusedWithoutSender", func(t *testing.T) {
		_, err := svc.Create(w.ctx, w.corp, "user:1", app.Journey{Name: "群发", Trigger: app.JourneyTrigger{Kind: app.TriggerAdded},
			Reentry: app.ReentryOnce, Steps: []app.JourneyStep{{At: "09:00", Action: app.ActionMassSend, Content: "你好"}}})
		assert.Equal(t, []string{"steps[0].action"}, fieldsOf(err))
		assert.Contains(t, app.ErrorMessage(err), "群发能力尚未接入")
	})
	t.Run("EditKeepsTriggerAndPolicy", func(t *testing.T) {
		j, err := svc.Create(w.ctx, w.corp, "user:1", app.Journey{Name: "会员日", Trigger: app.JourneyTrigger{Kind: app.TriggerMemberDay, DayOfMonth: 8},
			Reentry: app.ReentryOccurrence, Steps: []app.JourneyStep{{At: "09:00", Action: app.ActionTask, Content: "会员日"}}})
		require.NoError(t, err)
		in := *j
		in.Trigger, in.Steps = app.JourneyTrigger{Kind: app.TriggerBirthday}, []app.JourneyStep{{ID: 9, At: "09:00", Action: app.ActionTask, Content: "x"}}
		_, err = svc.Update(w.ctx, w.corp, j.ID, "user:1", in)
		assert.ElementsMatch(t, []string{"trigger.kind", "steps[0].id"}, fieldsOf(err))
	})
	t.Run("DuplicateName", func(t *testing.T) {
		in := app.Journey{Name: "会员日", Trigger: app.JourneyTrigger{Kind: app.TriggerMemberDay, DayOfMonth: 8},
			Reentry: app.ReentryOnce, Steps: []app.JourneyStep{{At: "09:00", Action: app.ActionTask, Content: "会员日"}}}
		_, err := svc.Create(w.ctx, w.corp, "user:1", in)
		assert.Equal(t, app.ECONFLICT, app.ErrorCode(err))
	})
}

// The seeded calendar has every holiday for 2026–2028; the Sunday
// holidays are checked against their rule, the fixed ones against their
// date, and edits stick.
func TestHolidayCalendar(t *testing.T) {
	w := newWorld(t, config.DriverSQLite, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	svc := w.service()
	hs, err := svc.Holidays(w.ctx, w.corp)
	require.NoError(t, err)
	byCode := map[string]map[int]string{}
	for _, h := range hs {
		if byCode[h.Code] == nil {
			byCode[h.Code] = map[int]string{}
		}
		byCode[h.Code][h.Year] = h.Date
	}
	for _, y := range []int{2026, 2027, 2028} {
		assert.Equal(t, nthSunday(y, time.May, 2), byCode["mothers_day"][y], "母亲节 %d", y)
		assert.Equal(t, nthSunday(y, time.June, 3), byCode["fathers_day"][y], "父亲节 %d", y)
		for _, code := range []string{"spring_festival", "lantern", "dragon_boat", "qixi", "mid_autumn", "qingming", "new_year", "womens_day", "national_day"} {
			assert.NotEmpty(t, byCode[code][y], "%s %d", code, y)
		}
		assert.Equal(t, time.Date(y, 10, 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), byCode["national_day"][y])
	}
	// 元宵 is the 15th day of the month 春节 begins.
	for _, y := range []int{2026, 2027, 2028} {
		sf, _ := time.Parse("2006-01-02", byCode["spring_festival"][y])
		assert.Equal(t, sf.AddDate(0, 0, 14).Format("2006-01-02"), byCode["lantern"][y], "元宵 %d", y)
	}
	t.Run("EditSticks", func(t *testing.T) {
		_, err := svc.SaveHoliday(w.ctx, w.corp, "user:1", app.Holiday{Code: "mid_autumn", Name: "中秋节", Date: "2027-09-16"})
		require.NoError(t, err)
		hs, err := svc.Holidays(w.ctx, w.corp)
		require.NoError(t, err)
		assert.Contains(t, hs, app.Holiday{CorpID: w.corp, Code: "mid_autumn", Year: 2027, Name: "中秋节", Date: "2027-09-16", UpdatedAt: find(hs, "mid_autumn", 2027).UpdatedAt})
	})
	t.Run("EveryInvalidFieldAtOnce", func(t *testing.T) {
		_, err := svc.SaveHoliday(w.ctx, w.corp, "user:1", app.Holiday{Code: "Bad Code", Date: "2027-13-01"})
		assert.ElementsMatch(t, []string{"code", "name", "date"}, fieldsOf(err))
	})
	t.Run("DeleteUnknown", func(t *testing.T) {
		assert.Equal(t, app.ENOTFOUND, app.ErrorCode(svc.DeleteHoliday(w.ctx, w.corp, "user:1", "nope", 2027)))
	})
}

func find(hs []app.Holiday, code string, year int) app.Holiday {
	for _, h := range hs {
		if h.Code == code && h.Year == year {
			return h
		}
	}
	return app.Holiday{}
}

// nthSunday is the date of the n-th Sunday of month in year.
func nthSunday(year int, month time.Month, n int) string {
	d := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	for d.Weekday() != time.Sunday {
		d = d.AddDate(0, 0, 1)
	}
	return d.AddDate(0, 0, 7*(n-1)).Format("2006-01-02")
}
