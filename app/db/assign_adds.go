package db

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// ChannelAdds returns the customers each guide took through a channel per
// day (corp time zone) from sinceDay (YYYY-MM-DD) on, newest day first.
func (s *AssignStore) ChannelAdds(ctx context.Context, corpID, channelID int64, sinceDay string) ([]app.DailyAdds, error) {
	var rows []app.DailyAdds
	err := s.db.with(ctx).Table("guide_daily_adds").Select("day, userid, adds").
		Where("corp_id = ? AND channel_id = ? AND day >= ?", corpID, channelID, sinceDay).Order("day DESC, userid").Find(&rows).Error
	for i := range rows {
		rows[i].Day = dayOnly(rows[i].Day)
	}
	return rows, domainError(err, "渠道添加数")
}

// ChannelAddTotals returns each channel's adds from sinceDay on.
func (s *AssignStore) ChannelAddTotals(ctx context.Context, corpID int64, sinceDay string) (map[int64]int64, error) {
	var rows []struct {
		ChannelID int64
		N         int64
	}
	err := s.db.with(ctx).Table("guide_daily_adds").Select("channel_id, SUM(adds) AS n").
		Where("corp_id = ? AND day >= ?", corpID, sinceDay).Group("channel_id").Find(&rows).Error
	out := make(map[int64]int64, len(rows))
	for _, r := range rows {
		out[r.ChannelID] = r.N
	}
	return out, domainError(err, "渠道添加数")
}

// dayOnly cuts a DATE read back (MySQL gives a timestamp, SQLite the
// text stored) to YYYY-MM-DD.
func dayOnly(s string) string {
	if len(s) > 10 {
		return s[:10]
	}
	return s
}
