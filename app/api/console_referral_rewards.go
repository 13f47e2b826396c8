package api

import (
	"context"
	"fmt"
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

// referralRewardChoices are the corp's rewards the tiers may give, by
// name with kind and the stock left; wired reports whether rewards exist
// in this deployment at all.
func (s *server) referralRewardChoices(ctx context.Context, corpID int64) ([]consoleOption, bool, error) {
	if s.d.Rewards == nil {
		return nil, false, nil
	}
	rs, _, err := s.d.Rewards.ListRewards(ctx, corpID, app.Page{Limit: app.MaxPageSize})
	out := make([]consoleOption, 0, len(rs))
	for _, r := range rs {
		out = append(out, consoleOption{Value: strconv.FormatInt(r.ID, 10), Label: rewardLabel(&r)})
	}
	return out, true, err
}

// rewardLabel names a reward with its kind and the stock left.
func rewardLabel(r *app.Reward) string {
	l := fmt.Sprintf("%s（%s，剩余 %d）", r.Name, app.RewardKindNames[r.Kind], r.StockLeft)
	if r.Status == app.RewardPaused {
		l += "（已暂停）"
	}
	return l
}

// referralRewards reads the rewards a campaign's tiers give, by id; a
// reward gone is left out (the page says so).
func (s *server) referralRewards(ctx context.Context, corpID int64, tiers []app.ReferralTier) (map[int64]*app.Reward, error) {
	out := map[int64]*app.Reward{}
	if s.d.Rewards == nil {
		return out, nil
	}
	for _, t := range tiers {
		if _, ok := out[t.RewardID]; ok {
			continue
		}
		r, err := s.d.Rewards.FindReward(ctx, corpID, t.RewardID)
		if app.ErrorCode(err) == app.ENOTFOUND {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[t.RewardID] = r
	}
	return out, nil
}
