package dashboard

import (
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Presets are the periods a page offers by name: the last 7, 30 or 90
// days up to today.
var Presets = []string{"7", "30", "90"}

// DefaultPreset is the period a page shows unless asked otherwise.
const DefaultPreset = "30"

// maxDays bounds a custom period, so a page sums at most a year of days.
const maxDays = 366

// Period is the days [From, To] (yyyy-mm-dd, the corp's zone) a page
// sums; Preset names it ("7", "30", "90") or is "custom".
type Period struct {
	From, To string
	Days     int
	Preset   string
}

// ParsePeriod reads a period: from and to, when either is given, are a
// custom one (at most a year); otherwise preset (one of Presets, the
// default when "") counts back from today. A
// refusal names its field (period, from, to); the default period comes
// back with it.
func ParsePeriod(preset, from, to, today string) (Period, error) {
	end, err := time.Parse(time.DateOnly, today)
	if err != nil {
		return Period{}, app.Errorf(app.EINVALID, "today is not a day: %s", today)
	}
	if from != "" || to != "" {
		preset = "custom"
	}
	if preset == "" {
		preset = DefaultPreset
	}
	for _, p := range Presets {
		if p == preset {
			n := map[string]int{"7": 7, "30": 30, "90": 90}[p]
			return Period{From: end.AddDate(0, 0, 1-n).Format(time.DateOnly), To: today, Days: n, Preset: p}, nil
		}
	}
	def, _ := ParsePeriod(DefaultPreset, "", "", today)
	if preset != "custom" {
		return def, app.FieldInvalid("period", "时段应为近 7 天、近 30 天、近 90 天或自定义")
	}
	return customPeriod(from, to, def)
}

func customPeriod(from, to string, def Period) (Period, error) {
	var bad app.Fields
	a, errA := time.Parse(time.DateOnly, from)
	b, errB := time.Parse(time.DateOnly, to)
	bad.Check(errA != nil, "from", "开始日期应为 YYYY-MM-DD")
	bad.Check(errB != nil, "to", "结束日期应为 YYYY-MM-DD")
	if bad == nil {
		days := int(b.Sub(a).Hours()/24) + 1
		bad.Check(days < 1, "to", "结束日期不能早于开始日期")
		bad.Check(days > maxDays, "to", "自定义时段最长一年（366 天）")
		if bad == nil {
			return Period{From: from, To: to, Days: days, Preset: "custom"}, nil
		}
	}
	return def, bad.Err()
}

// Previous is the period of the same length just before p, which
// period-over-period change compares p with.
func (p Period) Previous() Period {
	from, _ := time.Parse(time.DateOnly, p.From)
	return Period{From: from.AddDate(0, 0, -p.Days).Format(time.DateOnly), To: from.AddDate(0, 0, -1).Format(time.DateOnly),
		Days: p.Days, Preset: p.Preset}
}

// Dates are p's days in order.
func (p Period) Dates() []string {
	from, _ := time.Parse(time.DateOnly, p.From)
	out := make([]string, p.Days)
	for i := range out {
		out[i] = from.AddDate(0, 0, i).Format(time.DateOnly)
	}
	return out
}
