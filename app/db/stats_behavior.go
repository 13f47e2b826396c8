package db

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// behaviorParts are WeCom's chat figures of the day (behavior_days,
// app/behavior's), by guide: counts summed, and the reply percentage and
// time as sums over the guide-days that have one, with their number.
func (s *StatsStore) behaviorParts(ctx context.Context, sp app.StatsSpan) ([]app.StatPart, error) {
	parts, err := s.parts(ctx, `SELECT userid AS user_id, SUM(chat_cnt) AS chat_cnt, SUM(message_cnt) AS message_cnt,
		SUM(COALESCE(reply_pct_bp, 0)) AS reply_pct_sum, COUNT(reply_pct_bp) AS reply_pct_n,
		SUM(COALESCE(avg_reply_time_x100, 0)) AS reply_time_sum, COUNT(avg_reply_time_x100) AS reply_time_n,
		SUM(negative_feedback_cnt) AS negative_feedback, SUM(new_apply_cnt) AS new_apply, SUM(new_contact_cnt) AS new_contact
		FROM behavior_days WHERE corp_id = ? AND day = ? GROUP BY userid`, sp.CorpID, sp.Day)
	if err != nil {
		return nil, fmt.Errorf("chat figures: %w", err)
	}
	for i := range parts {
		parts[i].GuideStore = true
	}
	return parts, nil
}
