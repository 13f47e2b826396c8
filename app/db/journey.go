package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// JourneyStore keeps customer journeys, their fire ledger and the holiday
// calendar. Every query is scoped to one corp.
type JourneyStore struct {
	db    *DB
	batch int // owned customers per INSERT … SELECT of an everyone-step
}

// NewJourneyStore returns a JourneyStore on db.
func NewJourneyStore(db *DB) *JourneyStore { return &JourneyStore{db: db, batch: fireBatch} }

const defaultJourneyPage = 50

// CreateJourney inserts j; a name the corp already uses is a conflict.
func (s *JourneyStore) CreateJourney(ctx context.Context, j *app.Journey) error {
	now := time.Now().UTC()
	j.CreatedAt, j.UpdatedAt = now, now
	return domainError(s.db.with(ctx).Table("journeys").Create(j).Error, "旅程名称")
}

// SaveJourney writes j's editable fields and status.
func (s *JourneyStore) SaveJourney(ctx context.Context, j *app.Journey) error {
	j.UpdatedAt = time.Now().UTC()
	res := s.db.with(ctx).Table("journeys").Where("corp_id = ? AND id = ?", j.CorpID, j.ID).
		Select("name", "status", "trigger", "reentry", "audience", "steps", "next_step_id", "catch_up_hours", "holdout_percent", "updated_at").Updates(j)
	if res.Error == nil && res.RowsAffected == 0 {
		return app.Errorf(app.ENOTFOUND, "旅程不存在")
	}
	return domainError(res.Error, "旅程名称")
}

// FindJourney returns journey id of corpID.
func (s *JourneyStore) FindJourney(ctx context.Context, corpID, id int64) (*app.Journey, error) {
	var j app.Journey
	err := s.db.with(ctx).Table("journeys").Where("corp_id = ? AND id = ?", corpID, id).Take(&j).Error
	if err != nil {
		return nil, domainError(err, "旅程")
	}
	return &j, nil
}

// ListJourneys returns corpID's journeys in id order, of one status when
// status is set.
func (s *JourneyStore) ListJourneys(ctx context.Context, corpID int64, status string) ([]app.Journey, error) {
	q := s.db.with(ctx).Table("journeys").Where("corp_id = ?", corpID)
	if status != "" {
		q = q.Where("status = ?", status)
	}
	var js []app.Journey
	return js, domainError(q.Order("id").Find(&js).Error, "旅程")
}

// FireCounts returns, per status, how many fires journey id of corpID has.
func (s *JourneyStore) FireCounts(ctx context.Context, corpID, id int64) (map[string]int64, error) {
	var rows []struct {
		Status string
		N      int64
	}
	err := s.db.with(ctx).Table("journey_fires").Select("status, COUNT(*) AS n").
		Where("corp_id = ? AND journey_id = ?", corpID, id).Group("status").Find(&rows).Error
	out := map[string]int64{}
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out, domainError(err, "旅程记录")
}
