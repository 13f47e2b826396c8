package stats

import (
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// parseDay reads a yyyy-mm-dd day as its civil date (midnight UTC, only
// its calendar fields are used).
func parseDay(day string) (time.Time, error) {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return time.Time{}, app.Errorf(app.EINVALID, "日期应为 YYYY-MM-DD：%s", day)
	}
	return d, nil
}

// span is day of the corp as instants: its local midnights in loc, in
// UTC. A zone's daylight-saving change makes the day 23 or 25 hours long.
func span(corpID int64, day time.Time, loc *time.Location, now time.Time) app.StatsSpan {
	y, m, d := day.Date()
	return app.StatsSpan{CorpID: corpID, Day: day.Format(time.DateOnly), Now: now,
		From: time.Date(y, m, d, 0, 0, 0, 0, loc).UTC(), To: time.Date(y, m, d+1, 0, 0, 0, 0, loc).UTC()}
}

// localDay is the day holding t in loc, as a civil date.
func localDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// dayRange is every day from from to to inclusive, as yyyy-mm-dd.
func dayRange(from, to time.Time) []string {
	var out []string
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		out = append(out, d.Format(time.DateOnly))
	}
	return out
}
