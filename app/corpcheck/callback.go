package corpcheck

import (
	"context"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// callback reads when WeCom's callbacks for the corp last reached Siyu:
// the URL verification WeCom makes when the receive URL is saved, and
// events since. None for CallbackMemory means WeCom does not reach this
// URL; refusals after the last good one mean the Token or EncodingAESKey
// no longer match the admin console's.
func (s *Service) callback(ctx context.Context, corp *app.Corp) app.ConnectivityCheck {
	c := app.ConnectivityCheck{Key: app.CheckCallback, Name: "回调 URL 已验证"}
	seen, err := s.d.Callbacks.CallbacksSeen(ctx, corp.ID)
	if err != nil {
		c.Status, c.Detail = app.CheckUnknown, app.ErrorMessage(err)
		return c
	}
	zone := app.ZoneNamed(corp.Timezone)
	good := seen.Verified
	if seen.Event.After(good) {
		good = seen.Event
	}
	url := "https://<Siyu 的域名>/wecom/callback/" + corp.CorpID
	switch {
	case !seen.Refused.IsZero() && seen.Refused.After(good):
		c.Status, c.Detail = app.CheckFailed, "最近一次回调（"+at(seen.Refused, zone)+"）签名校验或解密失败"
		c.Hint = "Token 或 EncodingAESKey 与管理后台不一致：在管理后台 → 客户与上下游 → 客户联系 → API →「接收事件服务器」核对，" +
			"再以 SIYU_CORP_TOKEN=<Token> SIYU_CORP_AES_KEY=<EncodingAESKey> siyu corp update --corp-id <企业ID> 更新；服务器时间也须准确"
	case good.IsZero():
		c.Status, c.Detail = app.CheckFailed, fmt.Sprintf("近 %d 天没有收到企业微信的回调", int(app.CallbackMemory/(24*time.Hour)))
		c.Hint = "在管理后台 → 客户与上下游 → 客户联系 → API →「接收事件服务器」中把 URL 设为 " + url +
			"，Token 与 EncodingAESKey 填 Siyu 登记的值，点保存（企业微信随即验证该 URL）；该地址须能从公网以 HTTPS 访问"
	default:
		c.Status, c.Detail = app.CheckOK, "最近一次 URL 验证："+at(seen.Verified, zone)+"；最近一次事件："+at(seen.Event, zone)
	}
	return c
}

func at(t time.Time, zone *time.Location) string {
	if t.IsZero() {
		return "无"
	}
	return t.In(zone).Format("2006-01-02 15:04")
}
