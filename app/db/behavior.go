package db

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// BehaviorStore keeps WeCom's chat figures per guide and day, each
// guide's mark (the last day stored) and the nightly pulls; app/behavior
// is their only writer.
type BehaviorStore struct{ db *DB }

// NewBehaviorStore returns a BehaviorStore on db.
func NewBehaviorStore(db *DB) *BehaviorStore { return &BehaviorStore{db: db} }

// behaviorFigures are the columns a pull overwrites.
func behaviorFigures() []string {
	return []string{"chat_cnt", "message_cnt", "reply_pct_bp", "avg_reply_time_x100", "negative_feedback_cnt",
		"new_apply_cnt", "new_contact_cnt", "pulled_at"}
}

// StoreBehaviorSpan writes a guide's days, pulled now (a day pulled
// again takes the new figures), and moves the guide's mark to through, never back, in one
// transaction: a pull cut short resumes after the last span it stored.
func (s *BehaviorStore) StoreBehaviorSpan(ctx context.Context, corpID int64, userID, through string, days []app.BehaviorDay) error {
	now := time.Now().UTC().Truncate(time.Millisecond)
	for i := range days {
		days[i].PulledAt = now
	}
	return s.db.InTx(ctx, func(ctx context.Context) error {
		if len(days) > 0 {
			err := s.db.with(ctx).Table("behavior_days").
				Clauses(upsert([]string{"corp_id", "day", "userid"}, behaviorFigures())).Create(&days).Error
			if err != nil {
				return domainError(err, "联系客户统计")
			}
		}
		later := "CASE WHEN " + s.db.excluded("through_day") + " > through_day THEN " + s.db.excluded("through_day") + " ELSE through_day END"
		mark := map[string]any{"corp_id": corpID, "userid": userID, "through_day": through, "updated_at": now}
		err := s.db.with(ctx).Table("behavior_marks").Clauses(onKey([]string{"corp_id", "userid"},
			[]clause.Assignment{assign("through_day", later), assign("updated_at", s.db.excluded("updated_at"))})).Create(mark).Error
		return domainError(err, "联系客户统计进度")
	})
}

// BehaviorMarks returns the last day stored of each of the corp's guides
// pulled so far, by userid.
func (s *BehaviorStore) BehaviorMarks(ctx context.Context, corpID int64) (map[string]string, error) {
	var rows []struct {
		UserID     string `gorm:"column:userid"`
		ThroughDay string
	}
	err := s.db.with(ctx).Table("behavior_marks").Select("userid, through_day").Where("corp_id = ?", corpID).Find(&rows).Error
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.UserID] = dayOnly(r.ThroughDay)
	}
	return out, domainError(err, "联系客户统计进度")
}

// BehaviorDays returns the corp's figures of the days from to to
// (yyyy-mm-dd, both included), by day and userid.
func (s *BehaviorStore) BehaviorDays(ctx context.Context, corpID int64, from, to string) ([]app.BehaviorDay, error) {
	var out []app.BehaviorDay
	err := s.db.with(ctx).Table("behavior_days").Where("corp_id = ? AND day BETWEEN ? AND ?", corpID, from, to).
		Order("day, userid").Find(&out).Error
	for i := range out {
		out[i].Day = dayOnly(out[i].Day)
	}
	return out, domainError(err, "联系客户统计")
}
