package sandbox

// oaActions are what a WeChat user does with the corp's 公众号.
func oaActions() []Action {
	openID := param("openid", ParamString, "公众号 openid；不填则由 unionid 得出 (empty: derived from the unionid)")
	unionID := param("unionid", ParamString, "微信 unionid (the WeChat user's unionid)")
	following := required("openid", ParamString, "关注者 openid (a follower's openid)")
	return []Action{
		{Name: "oa-scan", Help: "微信用户扫公众号带参二维码：未关注则关注 (subscribe)，已关注则 SCAN / a WeChat user scans a 公众号 QR code",
			Params: []Param{param("url", ParamString, "二维码内容网址（接口返回的 url）(what the code encodes)"),
				param("ticket", ParamString, "或二维码 ticket (or its ticket)"), openID, unionID},
			run: func(c *Corp, a Args) (any, error) {
				if a.str("url") == "" && a.str("ticket") == "" {
					return nil, argErrorf("需要二维码的 url 或 ticket (oa-scan needs the code's url or ticket)")
				}
				id, event, err := c.ConsumerScansOAQR(OAScan{OpenID: a.str("openid"), UnionID: a.str("unionid"), Ticket: a.str("ticket"),
					URL: a.str("url")})
				return map[string]any{"openid": id, "event": event}, err
			}},
		{Name: "oa-follow", Help: "微信用户搜索并关注公众号（无二维码）/ a WeChat user follows the 公众号 found by search",
			Params: []Param{openID, unionID},
			run: func(c *Corp, a Args) (any, error) {
				id, err := c.ConsumerFollowsOA(a.str("openid"), a.str("unionid"))
				return map[string]any{"openid": id}, err
			}},
		{Name: "oa-unsubscribe", Help: "关注者取消关注公众号 / a follower unsubscribes", Params: []Param{following},
			run: func(c *Corp, a Args) (any, error) { return done(c.ConsumerUnsubscribes(a.str("openid"))) }},
		{Name: "oa-click", Help: "关注者点击公众号菜单（key 为网址时是 VIEW）/ a follower taps a menu item (a URL key is VIEW)",
			Params: []Param{following, required("key", ParamString, "菜单 key 或网址 (menu key or URL)")},
			run:    func(c *Corp, a Args) (any, error) { return done(c.ConsumerClicksMenu(a.str("openid"), a.str("key"))) }},
	}
}
