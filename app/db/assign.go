package db

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// AssignStore keeps owners, the assignment history, the decision lock
// and the counters and turns decisions read; app/assign is its only
// writer.
type AssignStore struct{ db *DB }

// NewAssignStore returns an AssignStore on db.
func NewAssignStore(db *DB) *AssignStore { return &AssignStore{db: db} }

// LockCorp takes the corp's decision lock until the transaction ends, so
// a corp's owner decisions are taken one at a time, on any nodes of a
// Galera cluster too: the upsert changes nothing once the row exists, so
// it writes nothing another node's transaction would conflict with.
func (s *AssignStore) LockCorp(ctx context.Context, corpID int64) error {
	row := map[string]any{"corp_id": corpID}
	err := s.db.with(ctx).Table("assign_locks").Clauses(upsert([]string{"corp_id"}, []string{"corp_id"})).Create(row).Error
	if err == nil {
		err = s.db.clusterLock(ctx, corpID, "assign_locks", []int64{corpID})
	}
	return domainError(err, "分配锁")
}

// FindAssignment returns the decision recorded for eventKey.
func (s *AssignStore) FindAssignment(ctx context.Context, corpID int64, eventKey string) (*app.Assignment, error) {
	var a app.Assignment
	err := s.db.with(ctx).Table("assignments").Where("corp_id = ? AND event_key = ?", corpID, eventKey).Take(&a).Error
	return &a, domainError(err, "分配记录")
}

// RecordAssignment appends a decision to the history.
func (s *AssignStore) RecordAssignment(ctx context.Context, a *app.Assignment) error {
	if a.CreatedAt.IsZero() {
		a.CreatedAt = time.Now().UTC()
	}
	return domainError(s.db.with(ctx).Table("assignments").Create(a).Error, "分配记录")
}

// History lists a customer's decisions in the order they were taken.
func (s *AssignStore) History(ctx context.Context, corpID int64, externalUserID string) ([]app.Assignment, error) {
	var out []app.Assignment
	err := s.db.with(ctx).Table("assignments").Where("corp_id = ? AND external_userid = ?", corpID, externalUserID).
		Order("id").Limit(app.MaxPageSize).Find(&out).Error
	return out, domainError(err, "分配记录")
}

// LatestAssignments lists a customer's last limit decisions, newest
// first, however long their history.
func (s *AssignStore) LatestAssignments(ctx context.Context, corpID int64, externalUserID string, limit int) ([]app.Assignment, error) {
	var out []app.Assignment
	err := s.db.with(ctx).Table("assignments").Where("corp_id = ? AND external_userid = ?", corpID, externalUserID).
		Order("id DESC").Limit(app.PageLimit(limit, 20)).Find(&out).Error
	return out, domainError(err, "分配记录")
}

// FindOwner returns the customer's owner in scope.
func (s *AssignStore) FindOwner(ctx context.Context, corpID, scope int64, externalUserID string) (*app.Owner, error) {
	var o app.Owner
	err := s.db.with(ctx).Table("customer_owners").Where("corp_id = ? AND scope = ? AND external_userid = ?", corpID, scope, externalUserID).Take(&o).Error
	return &o, domainError(err, "客户归属")
}

// OwnersOf returns the customer's owners, one per scope.
func (s *AssignStore) OwnersOf(ctx context.Context, corpID int64, externalUserID string) ([]app.Owner, error) {
	var out []app.Owner
	err := s.db.with(ctx).Table("customer_owners").Where("corp_id = ? AND external_userid = ?", corpID, externalUserID).Order("scope").Find(&out).Error
	return out, domainError(err, "客户归属")
}

// SaveOwner writes o over the customer's owner in its scope.
func (s *AssignStore) SaveOwner(ctx context.Context, o *app.Owner) error {
	o.UpdatedAt = time.Now().UTC()
	set := []string{"userid", "store_id", "channel_id", "status", "assigned_at", "updated_at"}
	err := s.db.with(ctx).Table("customer_owners").Clauses(upsert([]string{"corp_id", "scope", "external_userid"}, set)).Create(o).Error
	return domainError(err, "客户归属")
}

// Loads counts the customers each of userIDs owns (any scope), for the
// least-loaded rule.
func (s *AssignStore) Loads(ctx context.Context, corpID int64, userIDs []string) (map[string]int, error) {
	var rows []struct {
		UserID string `gorm:"column:userid"`
		N      int
	}
	err := s.db.with(ctx).Table("customer_owners").Select("userid, COUNT(*) AS n").
		Where("corp_id = ? AND status = ? AND userid IN ?", corpID, app.OwnerAssigned, userIDs).Group("userid").Find(&rows).Error
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.UserID] = r.N
	}
	return out, domainError(err, "客户归属")
}

// DailyAdds returns how many customers each guide took through the
// channel on day (YYYY-MM-DD, corp time zone).
func (s *AssignStore) DailyAdds(ctx context.Context, corpID, channelID int64, day string) (map[string]int, error) {
	var rows []struct {
		UserID string `gorm:"column:userid"`
		Adds   int
	}
	err := s.db.with(ctx).Table("guide_daily_adds").Select("userid, adds").
		Where("corp_id = ? AND channel_id = ? AND day = ?", corpID, channelID, day).Find(&rows).Error
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.UserID] = r.Adds
	}
	return out, domainError(err, "导购每日添加数")
}

// CountDailyAdd counts one more customer for the guide on day.
func (s *AssignStore) CountDailyAdd(ctx context.Context, corpID, channelID int64, userID, day string) error {
	row := map[string]any{"corp_id": corpID, "channel_id": channelID, "userid": userID, "day": day, "adds": 1}
	err := s.db.with(ctx).Table("guide_daily_adds").Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "corp_id"}, {Name: "channel_id"}, {Name: "userid"}, {Name: "day"}},
		DoUpdates: []clause.Assignment{assign("adds", "adds + 1")},
	}).Create(row).Error
	return domainError(err, "导购每日添加数")
}
