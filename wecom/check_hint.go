package wecom

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/silenceper/wechat/v2/util"

	"github.com/siyu-scrm/siyu/app"
)

// ErrUntrustedIP is WeCom refusing a call from an address outside the
// app's 企业可信IP list.
const ErrUntrustedIP = 60020

// CheckHint says, for a connectivity check (app.CheckContactSecret,
// app.CheckAppSecret) that failed with err, the errcode WeCom answered
// and how to fix it, in Chinese: the place in the admin console (管理后台)
// and the siyu command. What each errcode means stays in this package.
func CheckHint(check string, err error) (errcode int, hint string) {
	code := ErrCode(err)
	if code == ErrUntrustedIP {
		return code, TrustedIPHint(err)
	}
	if h := secretHint(check, code); h != "" {
		return code, h
	}
	switch {
	case code == 40013:
		return code, "企业ID 不正确：在管理后台 → 我的企业 → 企业信息 页底核对企业ID；企业ID 无法修改，需以正确的企业ID重新登记（siyu corp add）"
	case app.ErrorCode(err) == app.EUNAVAILABLE || app.ErrorCode(err) == app.ERATELIMITED:
		return code, "企业微信暂时无法访问或繁忙：确认服务器能访问 qyapi.weixin.qq.com（代理、防火墙、DNS），稍后再检查"
	case code != 0:
		return code, fmt.Sprintf("企业微信返回错误码 %d：可在 https://open.work.weixin.qq.com/devtool/query?e=%d 查询原因", code, code)
	}
	return 0, "检查时出错：" + app.ErrorMessage(err)
}

// secretHint covers what a wrong or misplaced secret answers.
func secretHint(check string, code int) string {
	contact := check == app.CheckContactSecret
	switch {
	case code == 40001 && contact:
		return "客户联系 Secret 不正确：在管理后台 → 客户与上下游 → 客户联系 → API 查看 Secret（重置后旧的即失效），再以 SIYU_CORP_CONTACT_SECRET=<Secret> siyu corp update --corp-id <企业ID> 更新"
	case code == 40001:
		return "自建应用 Secret 不正确：在管理后台 → 应用管理 → 自建 → 该应用 查看 Secret，再以 SIYU_CORP_AGENT_SECRET=<Secret> siyu corp update --corp-id <企业ID> 更新"
	case (code == 48002 || code == 84074) && contact:
		return "该 Secret 无权调用客户联系接口：请填客户联系的 Secret，或在管理后台 → 客户与上下游 → 客户联系 → API →「可调用接口的应用」中加入自建应用，并确认成员已开通客户联系"
	case code == 301002:
		return "Secret 与 AgentId 不属于同一个应用：在管理后台 → 应用管理 → 自建 → 该应用 核对 AgentId 与 Secret，用 siyu corp update --corp-id <企业ID> --agent-id <AgentId> 更正"
	case code == 40056 || code == 41011:
		return "AgentId 不正确：在管理后台 → 应用管理 → 自建 → 该应用 查看 AgentId，用 siyu corp update --corp-id <企业ID> --agent-id <AgentId> 更正"
	}
	return ""
}

// fromIP is how WeCom names the refused address in a 60020 errmsg
// ("not allow to access from your ip, …, from ip: 1.2.3.4, more info …").
var fromIP = regexp.MustCompile(`from ip: ?([0-9A-Fa-f.:]+)`)

// TrustedIPHint says how to let the server's address through, naming the
// address when WeCom's answer does.
func TrustedIPHint(err error) string {
	ip := "本服务器的出口 IP"
	var ce *util.CommonError
	if errors.As(err, &ce) {
		if m := fromIP.FindStringSubmatch(ce.ErrMsg); m != nil {
			ip = "本服务器的出口 IP " + m[1]
		}
	}
	return "企业微信拒绝了来自该服务器的调用（60020）：在管理后台 → 应用管理 → 自建 → 该应用 →「企业可信IP」中加入" + ip +
		"，保存后几分钟内生效；有多台服务器或 NAT 时，每个出口 IP 都要加入"
}
