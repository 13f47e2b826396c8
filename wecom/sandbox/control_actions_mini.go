package sandbox

// miniActions are a consumer's actions in the corp's mini-program and in
// its referral groups: logging in, allowing a phone number or a subscribe
// message, joining by a 加入群聊 code.
func miniActions() []Action {
	openID := required("openid", ParamString, "小程序 openid (the consumer's openid in the mini-program)")
	return []Action{
		{Name: "mini-login", Help: "消费者在小程序中 wx.login，得到一次性 code / a consumer calls wx.login in the mini-program",
			Params: []Param{required("unionid", ParamString, "微信 unionid"), param("openid", ParamString, "小程序 openid；不填则由 unionid 得出")},
			run: func(c *Corp, a Args) (any, error) {
				return map[string]any{"code": c.MintLoginCode(a.str("openid"), a.str("unionid"))}, nil
			}},
		{Name: "mini-phone", Help: "消费者允许获取手机号，得到 5 分钟内有效的 code / a consumer allows getPhoneNumber",
			Params: []Param{required("phone", ParamString, "手机号（不带 +86）")},
			run: func(c *Corp, a Args) (any, error) {
				return map[string]any{"code": c.MintPhoneCode(a.str("phone"))}, nil
			}},
		{Name: "mini-subscribe", Help: "消费者同意一次订阅消息 / a consumer accepts one subscribe message of a template",
			Params: []Param{openID, required("template_id", ParamString, "订阅消息模板 ID")},
			run: func(c *Corp, a Args) (any, error) {
				c.Subscribe(a.str("openid"), a.str("template_id"))
				return map[string]any{}, nil
			}},
		{Name: "join-by-join-way", Help: "客户扫「加入群聊」二维码入群，带上其 state / a customer joins by a join way's QR code",
			Params: []Param{required("config_id", ParamString, "加入群聊 config_id"), required("external_userid", ParamString, "客户 external_userid")},
			run: func(c *Corp, a Args) (any, error) {
				chat, err := c.JoinByJoinWay(a.str("config_id"), a.str("external_userid"))
				return map[string]any{"chat_id": chat}, err
			}},
	}
}
