package reward

import (
	"context"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// maxKey is the longest grant key (reward_grants.grant_key).
const maxKey = 96

// Grant hands one unit of a reward to one person, once per req.Key: the
// same key again returns the first grant and takes nothing. The unit is
// taken by a conditional UPDATE of the stock (none left: EOUTOFSTOCK,
// 奖品已发完), and the coupon code, the points credit or the guide's task
// is made in the same transaction as the grant row, so a failure leaves
// no trace and a retry starts clean.
func (s *Service) Grant(ctx context.Context, req app.GrantRequest) (*app.RewardGrant, error) {
	if err := checkGrant(&req); err != nil {
		return nil, err
	}
	if g, err := s.Store.GrantByKey(ctx, req.CorpID, req.Key); err != nil || g != nil {
		return same(g, req, err)
	}
	var g *app.RewardGrant
	err := s.Tx.InTx(ctx, func(ctx context.Context) (err error) {
		g, err = s.grant(ctx, req)
		return err
	})
	// Another grant of the same key won the race: either its row clashed
	// with ours, or it took the last unit before we could.
	if code := app.ErrorCode(err); code == app.ECONFLICT || code == app.EOUTOFSTOCK {
		if prior, ferr := s.Store.GrantByKey(ctx, req.CorpID, req.Key); ferr == nil && prior != nil {
			return same(prior, req, nil)
		}
	}
	return g, err
}

// checkGrant refuses a request without a reward, key or recipient.
func checkGrant(req *app.GrantRequest) error {
	var f app.Fields
	req.Key, req.UserID, req.ExternalUserID = strings.TrimSpace(req.Key), strings.TrimSpace(req.UserID), strings.TrimSpace(req.ExternalUserID)
	req.Reason = app.Truncate(strings.TrimSpace(req.Reason), 255)
	f.Check(req.RewardID <= 0, "reward_id", "请指定奖品")
	f.Check(req.Key == "" || len(req.Key) > maxKey, "key", "发放编号不能为空且不超过96个字符")
	f.Check(req.MemberID == nil && req.ExternalUserID == "", "member_id", "请指定领取奖品的会员或客户")
	return f.Err()
}

// same answers a repeated key with its first grant, unless that grant
// was of another reward: the caller reused a key by mistake.
func same(g *app.RewardGrant, req app.GrantRequest, err error) (*app.RewardGrant, error) {
	if err == nil && g.RewardID != req.RewardID {
		return nil, app.Errorf(app.ECONFLICT, "发放编号 %s 已用于另一个奖品", req.Key)
	}
	return g, err
}

// grant takes a unit and records it, inside the caller's transaction.
func (s *Service) grant(ctx context.Context, req app.GrantRequest) (*app.RewardGrant, error) {
	r, err := s.Store.FindReward(ctx, req.CorpID, req.RewardID)
	if err != nil {
		return nil, err
	}
	if err := fits(r, req); err != nil {
		return nil, err
	}
	if err := s.knownMember(ctx, req); err != nil {
		return nil, err
	}
	if ok, err := s.Store.TakeStock(ctx, r.CorpID, r.ID); err != nil || !ok {
		return nil, orOutOfStock(err)
	}
	g := &app.RewardGrant{CorpID: r.CorpID, RewardID: r.ID, Key: req.Key, MemberID: req.MemberID, ExternalUserID: req.ExternalUserID,
		UserID: req.UserID, Status: app.GrantGranted, Reason: req.Reason}
	if err := s.hand(ctx, r, g); err != nil {
		return nil, err
	}
	return g, s.Store.AddGrant(ctx, g)
}

// fits refuses a request the reward cannot be granted for: paused, or
// without what its kind needs.
func fits(r *app.Reward, req app.GrantRequest) error {
	var f app.Fields
	f.Check(r.Kind == app.RewardPoints && req.MemberID == nil, "member_id", "积分奖品须指定会员")
	f.Check(r.Kind == app.RewardGift && req.UserID == "", "userid", "到店礼品须指定交付的导购")
	f.Check(r.Kind == app.RewardGift && req.ExternalUserID == "", "external_userid", "到店礼品须指定领取的客户")
	if err := f.Err(); err != nil {
		return err
	}
	if r.Status != app.RewardActive {
		return app.Errorf(app.ECONFLICT, "奖品「%s」已暂停发放", r.Name)
	}
	return nil
}

// knownMember refuses a member id that is not one of the corp's members.
func (s *Service) knownMember(ctx context.Context, req app.GrantRequest) error {
	if req.MemberID == nil {
		return nil
	}
	_, err := s.Members.Find(ctx, req.CorpID, *req.MemberID)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return app.FieldInvalid("member_id", "会员不存在")
	}
	return err
}

// orOutOfStock is err, or the out-of-stock refusal when there is none.
func orOutOfStock(err error) error {
	if err != nil {
		return err
	}
	return app.ErrOutOfStock()
}

// hand makes the unit itself: claims a code, credits the points or gives
// the guide the task of handing the gift over.
func (s *Service) hand(ctx context.Context, r *app.Reward, g *app.RewardGrant) error {
	switch r.Kind {
	case app.RewardCoupon:
		code, err := s.Store.ClaimCode(ctx, r.CorpID, r.ID, g.Key)
		if err != nil || code == "" {
			return orOutOfStock(err)
		}
		g.Code = code
	case app.RewardPoints:
		_, err := s.Members.CreditPoints(ctx, app.PointsCredit{CorpID: r.CorpID, MemberID: *g.MemberID, Points: r.Points,
			Key: "reward:" + g.Key, Reason: "奖品：" + r.Name})
		return err
	case app.RewardGift:
		return s.giftTask(ctx, r, g)
	}
	return nil
}

// giftTask gives the guide the task of handing the gift over (交付奖励);
// the grant is handed over when the task is done.
func (s *Service) giftTask(ctx context.Context, r *app.Reward, g *app.RewardGrant) error {
	t := &app.GuideTask{CorpID: r.CorpID, UserID: g.UserID, ExternalUserID: g.ExternalUserID, Kind: app.TaskReward,
		Title: app.Truncate("交付奖励："+r.Name, 255), Source: "reward:" + g.Key}
	if _, err := s.Tasks.CreateTask(ctx, t); err != nil {
		return err
	}
	if t.ID > 0 {
		g.TaskID = &t.ID
	}
	g.Status = app.GrantPendingHandover
	return nil
}
