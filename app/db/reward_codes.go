package db

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// rewardCode is a row of reward_codes.
type rewardCode struct {
	ID        int64
	CorpID    int64
	RewardID  int64
	Code      string
	GrantKey  string
	ClaimedAt *time.Time
	CreatedAt time.Time
}

// claimAttempts bounds how often ClaimCode looks again after another
// grant claimed the code it picked.
const claimAttempts = 20

// CodesHeld returns which of codes reward rewardID already holds.
func (st *RewardStore) CodesHeld(ctx context.Context, corpID, rewardID int64, codes []string) (map[string]bool, error) {
	held := map[string]bool{}
	for start := 0; start < len(codes); start += 500 {
		var found []string
		err := st.db.with(ctx).Table("reward_codes").Where("corp_id = ? AND reward_id = ? AND code IN ?", corpID, rewardID,
			codes[start:min(start+500, len(codes))]).Pluck("code", &found).Error
		if err != nil {
			return nil, err
		}
		for _, c := range found {
			held[c] = true
		}
	}
	return held, nil
}

// AddCodes inserts codes for reward rewardID, skipping any it holds by
// now (another import at once), and returns how many it added.
func (st *RewardStore) AddCodes(ctx context.Context, corpID, rewardID int64, codes []string) (int64, error) {
	now, rows := time.Now().UTC(), make([]rewardCode, len(codes))
	for i, c := range codes {
		rows[i] = rewardCode{CorpID: corpID, RewardID: rewardID, Code: c, CreatedAt: now}
	}
	if len(rows) == 0 {
		return 0, nil
	}
	res := st.db.with(ctx).Table("reward_codes").Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(rows, 500)
	return res.RowsAffected, res.Error
}

// ClaimCode gives one unclaimed code of reward rewardID to the grant of
// key: it picks the first free code and claims it with a conditional
// UPDATE, looking again when another grant claimed it first. "" when
// none is free.
func (st *RewardStore) ClaimCode(ctx context.Context, corpID, rewardID int64, key string) (string, error) {
	for range claimAttempts {
		var c rewardCode
		err := st.db.with(ctx).Table("reward_codes").Where("corp_id = ? AND reward_id = ? AND grant_key = ''", corpID, rewardID).
			Order("id").Limit(1).Find(&c).Error
		if err != nil || c.ID == 0 {
			return "", err
		}
		res := st.db.with(ctx).Table("reward_codes").Where("id = ? AND corp_id = ? AND grant_key = ''", c.ID, corpID).
			Updates(map[string]any{"grant_key": key, "claimed_at": time.Now().UTC()})
		if res.Error != nil || res.RowsAffected == 1 {
			return c.Code, res.Error
		}
	}
	return "", app.Errorf(app.ECONFLICT, "领取券码的人太多，请稍后重试")
}
