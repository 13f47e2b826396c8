package db

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// RewardStore keeps rewards, their coupon codes and their grants
// (rewards, reward_codes, reward_grants); app/reward is its only writer.
// Every query is scoped to a corp. Stock is only ever taken by a
// conditional UPDATE, so concurrent grants never take it below zero.
type RewardStore struct{ db *DB }

// NewRewardStore returns a RewardStore on db.
func NewRewardStore(db *DB) *RewardStore { return &RewardStore{db: db} }

// rewardPage is a page of rewards or grants when none is asked for.
const rewardPage = 50

// CreateReward inserts r, filling its ID and times.
func (st *RewardStore) CreateReward(ctx context.Context, r *app.Reward) error {
	r.CreatedAt = time.Now().UTC()
	r.UpdatedAt = r.CreatedAt
	return domainError(st.db.with(ctx).Table("rewards").Create(r).Error, "奖品")
}

// FindReward returns reward id of the corp.
func (st *RewardStore) FindReward(ctx context.Context, corpID, id int64) (*app.Reward, error) {
	return findBy[app.Reward](ctx, st.db, "rewards", corpID, "id", id, "奖品")
}

// ListRewards returns a page of the corp's rewards, newest first, and how
// many there are.
func (st *RewardStore) ListRewards(ctx context.Context, corpID int64, p app.Page) ([]app.Reward, int64, error) {
	var total int64
	if err := st.db.with(ctx).Table("rewards").Where("corp_id = ?", corpID).Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var out []app.Reward
	err := newestFirst(st.db.with(ctx).Table("rewards").Where("corp_id = ?", corpID), p).Find(&out).Error
	return out, total, err
}

// newestFirst pages q by descending id below p.After.
func newestFirst(q *gorm.DB, p app.Page) *gorm.DB {
	if p.After > 0 {
		q = q.Where("id < ?", p.After)
	}
	return q.Order("id DESC").Limit(app.PageLimit(p.Limit, rewardPage))
}

// SaveReward writes r's name, cost and status.
func (st *RewardStore) SaveReward(ctx context.Context, r *app.Reward) error {
	r.UpdatedAt = time.Now().UTC()
	err := st.db.with(ctx).Table("rewards").Where("corp_id = ? AND id = ?", r.CorpID, r.ID).
		Updates(map[string]any{"name": r.Name, "cost_cents": r.CostCents, "status": r.Status, "updated_at": r.UpdatedAt}).Error
	return domainError(err, "奖品")
}

// AddStock adds n units to reward id, to its total and what is left.
func (st *RewardStore) AddStock(ctx context.Context, corpID, id, n int64) error {
	err := st.db.with(ctx).Table("rewards").Where("corp_id = ? AND id = ?", corpID, id).Updates(map[string]any{
		"stock_total": gorm.Expr("stock_total + ?", n), "stock_left": gorm.Expr("stock_left + ?", n), "updated_at": time.Now().UTC()}).Error
	return domainError(err, "奖品")
}

// TakeStock takes one unit of reward id if one is left, and reports
// whether it did. The condition is in the UPDATE itself, so of many
// callers at once only as many as there are units succeed; the row stays
// locked until the caller's transaction ends.
func (st *RewardStore) TakeStock(ctx context.Context, corpID, id int64) (bool, error) {
	res := st.db.with(ctx).Exec("UPDATE rewards SET stock_left = stock_left - 1, updated_at = ? WHERE id = ? AND corp_id = ? AND stock_left > 0",
		time.Now().UTC(), id, corpID)
	return res.RowsAffected == 1, domainError(res.Error, "奖品")
}
