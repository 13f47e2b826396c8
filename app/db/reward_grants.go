package db

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// grantColumns read a grant with its handover: a gift's grant is handed
// over when its guide task is done (the task is where that is recorded).
const grantColumns = "g.id, g.corp_id, g.reward_id, g.grant_key, g.member_id, g.external_userid, g.userid, g.code, g.task_id, " +
	"CASE WHEN g.status = '" + app.GrantPendingHandover + "' AND t.status = '" + app.TaskDone + "' THEN '" + app.GrantHandedOver +
	"' ELSE g.status END AS status, g.reason, g.created_at, t.done_at AS handed_at"

// grants is the corp's grants joined to their tasks.
func (st *RewardStore) grants(ctx context.Context, corpID int64) *gorm.DB {
	return st.db.with(ctx).Table("reward_grants AS g").Select(grantColumns).
		Joins("LEFT JOIN guide_tasks t ON t.corp_id = g.corp_id AND t.id = g.task_id").Where("g.corp_id = ?", corpID)
}

// GrantByKey returns the corp's grant of key, nil when there is none.
func (st *RewardStore) GrantByKey(ctx context.Context, corpID int64, key string) (*app.RewardGrant, error) {
	var out []app.RewardGrant
	if err := st.grants(ctx, corpID).Where("g.grant_key = ?", key).Limit(1).Find(&out).Error; err != nil || len(out) == 0 {
		return nil, err
	}
	handed(out)
	return &out[0], nil
}

// AddGrant inserts g; a grant of its key already there is ECONFLICT.
func (st *RewardStore) AddGrant(ctx context.Context, g *app.RewardGrant) error {
	g.CreatedAt = time.Now().UTC()
	return domainError(st.db.quiet(ctx).Table("reward_grants").Create(g).Error, "奖品发放记录")
}

// ListGrants returns a page of reward rewardID's grants, newest first,
// and how many there are.
func (st *RewardStore) ListGrants(ctx context.Context, corpID, rewardID int64, p app.Page) ([]app.RewardGrant, int64, error) {
	var total int64
	err := st.db.with(ctx).Table("reward_grants").Where("corp_id = ? AND reward_id = ?", corpID, rewardID).Count(&total).Error
	if err != nil {
		return nil, 0, err
	}
	q := st.grants(ctx, corpID).Where("g.reward_id = ?", rewardID)
	if p.After > 0 {
		q = q.Where("g.id < ?", p.After)
	}
	var out []app.RewardGrant
	err = q.Order("g.id DESC").Limit(app.PageLimit(p.Limit, rewardPage)).Find(&out).Error
	handed(out)
	return out, total, err
}

// handed keeps the task's done time only on grants it handed over (a
// cancelled task has one too).
func handed(gs []app.RewardGrant) {
	for i := range gs {
		if gs[i].Status != app.GrantHandedOver {
			gs[i].HandedAt = nil
		}
	}
}
