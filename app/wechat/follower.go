package wechat

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// identify sets the member the touch is about: the follower, upserted
// by openid into the account's brand — with the unionid WeChat gave on a
// follow or a scan, so the brand's other record of the same person (a POS
// member, a WeCom customer's) merges with this one. Every event upserts,
// not only follows: WeChat's deliveries are handled side by side, so an
// unfollow or a menu tap may be handled before the follow that preceded
// it, and must land on the same member rather than on nobody.
func (s *Service) identify(ctx context.Context, a *app.WeChatApp, ev wecom.OAEvent, unionID string, t *app.Touch) error {
	brand, err := s.brandOf(ctx, a)
	if err != nil {
		return err
	}
	id, err := s.Members.Follower(ctx, a.CorpID, brand, ev.OpenID, unionID)
	if err == nil {
		t.MemberID = &id
	}
	return err
}

// followerUnionID asks WeChat (user/info) for the unionid of whoever
// followed or scanned: "" for other events and when the account is bound
// to no open platform. When WeChat refuses for good (an account without
// the right, an openid it disowns) the touch is still recorded, by openid
// alone; a failure that can heal is returned, so the delivery is retried
// and the unionid not lost.
func (s *Service) followerUnionID(ctx context.Context, a *app.WeChatApp, ev wecom.OAEvent) (string, error) {
	if ev.Kind() != wecom.KindOASubscribe && ev.Kind() != wecom.KindOAScan {
		return "", nil
	}
	acc, err := s.Accounts.Client(ctx, a.CorpID, a.ID)
	if err != nil {
		return "", err
	}
	u, err := acc.UserInfo(ctx, ev.OpenID)
	switch app.ErrorCode(err) {
	case "":
		return u.UnionID, nil
	case app.EFORBIDDEN, app.ENOTFOUND:
		s.opts.Log.WarnContext(ctx, "公众号 user/info refused: follower recorded by openid only", "appid", a.AppID, "err", err)
		return "", nil
	}
	return "", err
}
