package journey

import (
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

// seedYears are the years a new calendar is seeded for.
var seedYears = []int{2026, 2027, 2028}

// fixedHolidays fall on the same Gregorian date each year (MM-DD).
var fixedHolidays = []struct{ code, name, md string }{
	{"new_year", "元旦", "01-01"}, {"womens_day", "妇女节", "03-08"}, {"labour_day", "劳动节", "05-01"},
	{"childrens_day", "儿童节", "06-01"}, {"national_day", "国庆节", "10-01"}, {"double_eleven", "双十一", "11-11"},
	{"christmas", "圣诞节", "12-25"},
}

// movingHolidays are the lunar festivals, the solar term 清明 and the
// Sundays of 母亲节 / 父亲节: their Gregorian date per year, 2026–2028.
var movingHolidays = []struct {
	code, name string
	dates      [3]string
}{
	{"spring_festival", "春节", [3]string{"2026-02-17", "2027-02-06", "2028-01-26"}},
	{"lantern", "元宵节", [3]string{"2026-03-03", "2027-02-20", "2028-02-09"}},
	{"qingming", "清明节", [3]string{"2026-04-05", "2027-04-05", "2028-04-04"}},
	{"mothers_day", "母亲节", [3]string{"2026-05-10", "2027-05-09", "2028-05-14"}},
	{"dragon_boat", "端午节", [3]string{"2026-06-19", "2027-06-09", "2028-05-28"}},
	{"fathers_day", "父亲节", [3]string{"2026-06-21", "2027-06-20", "2028-06-18"}},
	{"qixi", "七夕", [3]string{"2026-08-19", "2027-08-08", "2028-08-26"}},
	{"mid_autumn", "中秋节", [3]string{"2026-09-25", "2027-09-15", "2028-10-03"}},
}

// SeedHolidays are the dates a corp's calendar starts with.
func SeedHolidays() []app.Holiday {
	var hs []app.Holiday
	for _, y := range seedYears {
		for _, h := range fixedHolidays {
			hs = append(hs, app.Holiday{Code: h.code, Year: y, Name: h.name, Date: strconv.Itoa(y) + "-" + h.md})
		}
	}
	for _, h := range movingHolidays {
		for i, y := range seedYears {
			hs = append(hs, app.Holiday{Code: h.code, Year: y, Name: h.name, Date: h.dates[i]})
		}
	}
	return hs
}
