package sandbox

import "slices"

// Action is a client-side action the control API fires by name: a person
// in WeChat or the WeCom client, or an admin in the console, doing
// something that changes the corp and makes WeCom send a callback.
type Action struct {
	Name   string  `json:"name"`
	Help   string  `json:"help"`
	Params []Param `json:"params"`
	run    func(c *Corp, a Args) (any, error)
}

// Actions lists every action the control API knows, contact actions first.
func Actions() []Action {
	return slices.Concat(contactActions(), groupActions(), tagActions(), behaviorActions(), oaActions(), miniActions())
}

// findAction returns the action called name.
func findAction(name string) (Action, bool) {
	for _, a := range Actions() {
		if a.Name == name {
			return a, true
		}
	}
	return Action{}, false
}

func param(name string, kind ParamKind, help string) Param {
	return Param{Name: name, Kind: kind, Help: help}
}

func required(name string, kind ParamKind, help string) Param {
	return Param{Name: name, Kind: kind, Required: true, Help: help}
}

// done is the result of an action that returns nothing but its callback.
func done(err error) (any, error) { return map[string]any{}, err }

func contactActions() []Action {
	user, ext := required("userid", ParamString, "成员 userid (member)"), required("external_userid", ParamString, "客户 external_userid (customer)")
	return []Action{
		{Name: "customer-adds", Help: "客户添加成员，可带渠道 state / a customer adds a member (add_external_contact)",
			Params: []Param{user, param("external_userid", ParamString, "已有客户；不填则新建客户 (existing customer; empty = new)"),
				param("name", ParamString, "新客户的名字 (new customer's name)"), param("gender", ParamInt, "0 未知, 1 男, 2 女"),
				param("unionid", ParamString, "新客户的 unionid（与小程序登录的相同，即同一微信用户）"),
				param("state", ParamString, "联系我渠道 state (contact-way state)"), param("config_id", ParamString, "联系我 config_id，取其 state"),
				param("add_way", ParamInt, "添加方式，默认 1 扫码 (add_way)"), param("chatted", ParamBool, "此前聊过天：无欢迎语 code"),
				param("half", ParamBool, "免验证添加 (add_half_external_contact)")},
			run: func(c *Corp, a Args) (any, error) {
				out, err := c.CustomerAdds(Add{UserID: a.str("userid"), State: a.str("state"), ConfigID: a.str("config_id"),
					Customer: Customer{ExternalUserID: a.str("external_userid"), Name: a.str("name"), Gender: a.num("gender"), UnionID: a.str("unionid")},
					AddWay:   a.num("add_way"), AlreadyChatted: a.flag("chatted"), Half: a.flag("half")})
				return map[string]any{"external_userid": out.ExternalUserID, "welcome_code": out.WelcomeCode}, err
			}},
		{Name: "customer-clicks-link", Help: "客户点击获客链接（可带 ?customer_channel=x）并添加成员，state 为 customer_channel / a customer adds a member through a 获客链接",
			Params: []Param{required("url", ParamString, "获客链接 URL，可带 ?customer_channel=x"), param("userid", ParamString, "添加的成员；不填则按链接成员轮流"),
				param("external_userid", ParamString, "已有客户；不填则新建客户 (existing customer; empty = new)"), param("name", ParamString, "新客户的名字 (new customer's name)"),
				param("unionid", ParamString, "新客户的 unionid（与小程序登录的相同）")},
			run: func(c *Corp, a Args) (any, error) {
				out, err := c.AddByLink(a.str("url"), a.str("userid"), Customer{ExternalUserID: a.str("external_userid"), Name: a.str("name"), UnionID: a.str("unionid")})
				return map[string]any{"external_userid": out.ExternalUserID, "welcome_code": out.WelcomeCode}, err
			}},
		{Name: "customer-deletes", Help: "客户删除成员 / a customer deletes the member (del_follow_user)", Params: []Param{user, ext},
			run: func(c *Corp, a Args) (any, error) {
				return done(c.CustomerDeletesMember(a.str("userid"), a.str("external_userid")))
			}},
		{Name: "member-deletes", Help: "成员删除客户 / the member deletes the customer (del_external_contact)",
			Params: []Param{user, ext, param("source", ParamString, "删除来源，如 DELETE_BY_TRANSFER")},
			run: func(c *Corp, a Args) (any, error) {
				return done(c.MemberDeletesCustomer(a.str("userid"), a.str("external_userid"), a.str("source")))
			}},
		{Name: "member-edits", Help: "成员修改客户备注、描述、标签 / the member edits a customer (edit_external_contact)",
			Params: []Param{user, ext, param("remark", ParamString, "备注"), param("description", ParamString, "描述"),
				param("add_tags", ParamList, "打上的标签 id (tag ids to add)"), param("remove_tags", ParamList, "移除的标签 id (tag ids to remove)")},
			run: func(c *Corp, a Args) (any, error) {
				return done(c.MemberEditsCustomer(a.str("userid"), a.str("external_userid"), Edit{Remark: a.strPtr("remark"),
					Description: a.strPtr("description"), AddTags: a.list("add_tags"), RemoveTags: a.list("remove_tags")}))
			}},
		{Name: "member-confirms-mass-send", Help: "成员确认发送群发 / the member confirms a mass send",
			Params: []Param{required("msgid", ParamString, "群发 msgid"), user},
			run: func(c *Corp, a Args) (any, error) {
				return done(c.MemberConfirmsMassSend(a.str("msgid"), a.str("userid")))
			}},
		{Name: "member-resigns", Help: "成员离职，客户与群待继承（无回调）/ a member resigns (no callback)", Params: []Param{user},
			run: func(c *Corp, a Args) (any, error) { return done(c.MemberResigns(a.str("userid"))) }},
		{Name: "customer-refuses-transfer", Help: "客户拒绝转接（transfer_fail，customer_refused）/ the customer refuses a waiting transfer",
			Params: []Param{ext},
			run:    func(c *Corp, a Args) (any, error) { return done(c.CustomerRefusesTransfer(a.str("external_userid"))) }},
		{Name: "advance", Help: "企业时钟前进 / move the corp's clock forward (e.g. 24h)",
			Params: []Param{required("duration", ParamDuration, "时长，如 24h (a duration)")},
			run: func(c *Corp, a Args) (any, error) {
				c.Advance(a.dur("duration"))
				return map[string]any{"now": c.Now()}, nil
			}},
	}
}
