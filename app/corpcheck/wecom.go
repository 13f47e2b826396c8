package corpcheck

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// probe is one secret's check and the error of the WeCom call it made
// (nil when the call worked, or when none was made: called says which).
type probe struct {
	check  app.ConnectivityCheck
	called bool
	err    error
}

// contact gets a token with the 客户联系 secret and lists the members who
// have customer contact (get_follow_user_list): a cheap read that only
// that secret, or an app granted the contact API, may make.
func (s *Service) contact(ctx context.Context, corp *app.Corp) probe {
	p := probe{check: app.ConnectivityCheck{Key: app.CheckContactSecret, Name: "客户联系 Secret"}}
	if corp.ContactSecret == "" {
		return p.fail(0, "尚未配置客户联系 Secret", "以 SIYU_CORP_CONTACT_SECRET=<Secret> siyu corp update --corp-id <企业ID> 设置"+
			"（Secret 在管理后台 → 客户与上下游 → 客户联系 → API）")
	}
	var users []string
	c, err := s.d.Clients.ClientFor(corp, false)
	if err == nil {
		p.called = true
		users, err = c.FollowUsers(ctx)
	}
	if err != nil {
		return p.failed(app.CheckContactSecret, err)
	}
	p.check.Status, p.check.Detail = app.CheckOK, fmt.Sprintf("已取得访问凭证；开通客户联系的成员 %d 人", len(users))
	if len(users) == 0 {
		p.check.Detail += "（还没有成员开通客户联系：管理后台 → 客户与上下游 → 客户联系 → 权限配置）"
	}
	return p
}

// agent gets a token with the self-built app's secret and reads the app
// by its agent id (agent/get), which only the app's own secret may do:
// a secret and agent id of different apps fail here.
func (s *Service) agent(ctx context.Context, corp *app.Corp) probe {
	p := probe{check: app.ConnectivityCheck{Key: app.CheckAppSecret, Name: "自建应用 Secret 与 AgentId"}}
	if corp.AgentID == "" || corp.AgentSecret == "" {
		return p.fail(0, "尚未配置自建应用的 AgentId 或 Secret（侧边栏与 JS-SDK 需要）",
			"以 SIYU_CORP_AGENT_SECRET=<Secret> siyu corp update --corp-id <企业ID> --agent-id <AgentId> 设置（在管理后台 → 应用管理 → 自建 → 该应用 查看）")
	}
	var a *wecom.Agent
	c, err := s.d.Clients.ClientFor(corp, true)
	if err == nil {
		p.called = true
		a, err = c.Agent(ctx, corp.AgentID)
	}
	if err != nil {
		return p.failed(app.CheckAppSecret, err)
	}
	if a.Close == 1 {
		return p.fail(0, fmt.Sprintf("应用「%s」已停用", a.Name), "在管理后台 → 应用管理 → 自建 → 该应用 中启用")
	}
	p.check.Status, p.check.Detail = app.CheckOK, fmt.Sprintf("应用「%s」（AgentId %d），Secret 与 AgentId 相符", a.Name, a.AgentID)
	return p
}

// failed records err: WeCom's errcode and the fix package wecom names.
func (p probe) failed(check string, err error) probe {
	code, hint := wecom.CheckHint(check, err)
	p.err = err
	return p.fail(code, app.ErrorMessage(err), hint)
}

func (p probe) fail(code int, detail, hint string) probe {
	p.check.Status, p.check.ErrCode, p.check.Detail, p.check.Hint = app.CheckFailed, code, detail, hint
	return p
}

// trustedIP reads the calls the secrets made: WeCom answers 60020 to a
// call from an address outside 企业可信IP; a call that worked shows the
// address is let through. gettoken is not limited by address, so a
// secret that got no token tells nothing.
func trustedIP(probes ...probe) app.ConnectivityCheck {
	c := app.ConnectivityCheck{Key: app.CheckTrustedIP, Name: "企业可信 IP", Status: app.CheckUnknown,
		Detail: "两个 Secret 都未能调用企业微信接口，无法判断；先解决上面的问题"}
	for _, p := range probes {
		if wecom.ErrCode(p.err) == wecom.ErrUntrustedIP {
			c.Status, c.ErrCode, c.Detail, c.Hint = app.CheckFailed, wecom.ErrUntrustedIP, "企业微信拒绝了来自本服务器地址的调用", wecom.TrustedIPHint(p.err)
			return c
		}
	}
	for _, p := range probes {
		if p.called && p.err == nil {
			c.Status, c.Detail = app.CheckOK, "企业微信接受来自本服务器的调用"
		}
	}
	return c
}
