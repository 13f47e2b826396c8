package wecom

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/siyu-scrm/siyu/app"
)

// oaError turns a 公众号 call's failure into a domain error worded for the
// 公众号: WeChat reuses numbers WeCom gives other meanings (40001 is a
// stale token here, a wrong secret there), and a failure to reach WeChat
// must not be blamed on WeCom. The cause stays wrapped, so the retrier
// still sees the errcode or the network error underneath.
func oaError(api string, err error) error {
	var de *app.Error
	if err == nil || errors.As(err, &de) {
		return err
	}
	cause := fmt.Errorf("wechat %s: %w", api, redact(err))
	var se *StatusError
	switch {
	case ErrCode(err) != 0:
		kind, msg := classifyOA(ErrCode(err))
		return app.Wrap(kind, cause, msg)
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return app.Wrap(app.EUNAVAILABLE, cause, "微信请求已取消或超时")
	case errors.As(err, &se) && se.StatusCode == http.StatusNotFound:
		return app.Wrap(app.ENOTFOUND, cause, "微信没有这个二维码（ticket 无效或已过期）")
	case errors.As(err, &se) || errors.As(err, new(*url.Error)):
		return app.Wrap(app.EUNAVAILABLE, cause, "微信暂时无法访问，请稍后再试")
	}
	return app.Wrap(app.EINTERNAL, cause, "")
}

// classifyOA maps a 公众号 errcode to a domain code and a message a person
// can act on; unknown codes are internal.
func classifyOA(errcode int) (string, string) {
	switch errcode {
	case -1:
		return app.EUNAVAILABLE, "微信系统繁忙，请稍后再试"
	case 40001, 40125:
		return app.EUNAUTHORIZED, "公众号 AppSecret 不正确或访问凭证无效，请检查配置"
	case 40013:
		return app.EUNAUTHORIZED, "公众号 AppID 不正确，请检查配置"
	case 40014, 42001, 41001:
		return app.EUNAUTHORIZED, "公众号访问凭证无效，请稍后重试"
	case 40164, 61004:
		return app.EFORBIDDEN, "服务器 IP 不在公众号的 IP 白名单中"
	case 48001:
		return app.EFORBIDDEN, "公众号没有该接口的权限（参数二维码与模板消息需已认证的服务号）"
	case 45009, 45011:
		return app.ERATELIMITED, "公众号接口调用超过次数限制，请稍后再试"
	case 40003:
		return app.ENOTFOUND, "openid 不属于本公众号"
	case 43004:
		return app.ECONFLICT, "用户未关注公众号"
	case 40037:
		return app.EINVALID, "模板 ID 不合法"
	case 40053, 47001:
		return app.EINVALID, "请求参数不合法"
	}
	return app.EINTERNAL, fmt.Sprintf("微信返回错误（%d）", errcode)
}
