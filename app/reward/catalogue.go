package reward

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// maxStock caps one stock figure, so a typo of extra zeros is refused.
const maxStock = 10_000_000

// CreateReward checks r (every refusal at once, in Chinese) and keeps it,
// active, with its initial stock (a coupon's comes from imported codes).
func (s *Service) CreateReward(ctx context.Context, r *app.Reward) error {
	r.Name = strings.TrimSpace(r.Name)
	if r.Kind == app.RewardCoupon {
		r.StockTotal = 0
	}
	if r.Kind != app.RewardPoints {
		r.Points = 0
	}
	r.StockLeft, r.Status, r.CreatedBy = r.StockTotal, app.RewardActive, app.Actor(ctx)
	if err := check(r); err != nil {
		return err
	}
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.CreateReward(ctx, r); err != nil {
			return err
		}
		return s.audit(ctx, r.CorpID, "reward.create", r.ID, map[string]any{"name": r.Name, "kind": r.Kind,
			"points": r.Points, "cost_cents": r.CostCents, "stock": r.StockTotal})
	})
}

// check validates a reward's own fields.
func check(r *app.Reward) error {
	var f app.Fields
	f.Check(r.Name == "" || utf8.RuneCountInString(r.Name) > 64, "name", "请填写奖品名称（不超过64个字）")
	_, known := app.RewardKindNames[r.Kind]
	f.Check(!known, "kind", "奖品类型须为优惠券、积分或到店礼品")
	f.Check(r.Kind == app.RewardPoints && (r.Points <= 0 || r.Points > maxStock), "points", "积分奖品须填写每份积分（1 至 10,000,000）")
	f.Check(r.CostCents < 0 || r.CostCents > 100_000_000, "cost_cents", "单份成本须在 0 至 1,000,000 元之间")
	f.Check(r.StockTotal < 0 || r.StockTotal > maxStock, "stock", "库存须在 0 至 10,000,000 之间")
	f.Check(r.Status != app.RewardActive && r.Status != app.RewardPaused, "status", "状态须为启用或暂停")
	return f.Err()
}

// UpdateReward renames a reward, changes its cost or status, or adds
// stock to a points or gift reward; every refusal at once.
func (s *Service) UpdateReward(ctx context.Context, corpID, id int64, u app.RewardUpdate) (*app.Reward, error) {
	var r *app.Reward
	err := s.Tx.InTx(ctx, func(ctx context.Context) (err error) {
		if r, err = s.Store.FindReward(ctx, corpID, id); err != nil {
			return err
		}
		before := *r
		if err = apply(r, u); err != nil {
			return err
		}
		if err = s.Store.SaveReward(ctx, r); err == nil && u.AddStock > 0 {
			err = s.Store.AddStock(ctx, corpID, id, u.AddStock)
		}
		if err == nil {
			r, err = s.Store.FindReward(ctx, corpID, id)
		}
		if err != nil {
			return err
		}
		return s.audit(ctx, corpID, "reward.update", id, map[string]any{"before": summary(&before), "after": summary(r), "add_stock": u.AddStock})
	})
	return r, err
}

// apply sets u's fields on r and checks the result.
func apply(r *app.Reward, u app.RewardUpdate) error {
	if u.Name != nil {
		r.Name = strings.TrimSpace(*u.Name)
	}
	if u.CostCents != nil {
		r.CostCents = *u.CostCents
	}
	if u.Status != nil {
		r.Status = *u.Status
	}
	err := check(r)
	var f app.Fields
	if err != nil {
		f = app.ErrorFields(err)
	}
	f.Check(u.AddStock < 0 || u.AddStock > maxStock || r.StockTotal+u.AddStock > maxStock, "add_stock", "追加库存须在 0 至 10,000,000 之间")
	f.Check(u.AddStock > 0 && r.Kind == app.RewardCoupon, "add_stock", "优惠券的库存来自导入的券码，请导入券码")
	return f.Err()
}

// summary is what the audit trail keeps of a reward.
func summary(r *app.Reward) map[string]any {
	return map[string]any{"name": r.Name, "cost_cents": r.CostCents, "status": r.Status, "stock_total": r.StockTotal, "stock_left": r.StockLeft}
}
