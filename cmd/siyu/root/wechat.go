package root

import (
	"context"

	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/wechat"
	"github.com/siyu-scrm/siyu/wecom"
)

// wechatDeps are what the 公众号 capability is built from; accounts is
// nil where no client may be made (the command line's registration).
func (c *Core) wechatDeps(accounts wechat.Accounts) wechat.Deps {
	st := c.Stores
	return wechat.Deps{Tx: c.DB, Apps: st.WeChat, Codes: st.WeChat, Accounts: accounts, Members: followers{c.Member},
		Touches: c.Touch, Org: st.Org, Audit: c.Audit}
}

// buildWeChat gives the 公众号 capability the accounts' clients.
func (g *Graph) buildWeChat(o Options) {
	g.OfficialAccounts = wecom.NewOfficialAccounts(g.Stores.WeChat, g.Redis.Client, o.WeCom...)
	w := o.WeChat
	w.Log = o.Log.With("component", "wechat")
	g.WeChat = wechat.New(g.WeChatDeps(), w)
}

// followers adapts the members capability to what the 公众号 capability
// asks: a follower upserted by openid and unionid into the account's
// brand, so the same unionid from the POS merges with them.
type followers struct{ *member.Service }

// Follower upserts the member holding openID (and unionID) in brand.
func (f followers) Follower(ctx context.Context, corpID int64, brand, openID, unionID string) (int64, error) {
	res, err := f.Upsert(ctx, corpID, member.Input{Brand: brand, OpenIDs: []string{openID}, UnionID: unionID})
	if err != nil {
		return 0, err
	}
	return res.MemberID, nil
}

// WeChatDeps are what the 公众号 capability is built from, with the
// accounts' clients (tests build one with other options, a lower cap).
func (g *Graph) WeChatDeps() wechat.Deps {
	return g.wechatDeps(wecom.OAAs[wechat.Account](g.OfficialAccounts))
}
