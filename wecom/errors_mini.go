package wecom

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/siyu-scrm/siyu/app"
)

// ErrNotSubscribed: the consumer gave no (remaining) consent for the
// subscribe message's template (43101): each consent allows one send, so
// the caller falls back to the progress page and the guide.
var ErrNotSubscribed = errors.New("wechat: no subscription left for the template")

// miniError turns a mini-program call's failure into a domain error
// worded for the mini-program, with ErrNotSubscribed for 43101.
func miniError(api string, err error) error {
	var de *app.Error
	if err == nil || errors.As(err, &de) {
		return err
	}
	cause := fmt.Errorf("wechat mini-program %s: %w", api, redact(err))
	var se *StatusError
	switch code := ErrCode(err); {
	case code == 43101:
		return app.Wrap(app.ECONFLICT, &answerError{err: cause, answer: ErrNotSubscribed}, "用户未订阅该消息（每次订阅只能发送一次）")
	case code != 0:
		kind, msg := classifyMiniApp(code)
		return app.Wrap(kind, cause, msg)
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return app.Wrap(app.EUNAVAILABLE, cause, "微信请求已取消或超时")
	case errors.As(err, &se) || errors.As(err, new(*url.Error)):
		return app.Wrap(app.EUNAVAILABLE, cause, "微信暂时无法访问，请稍后再试")
	}
	return app.Wrap(app.EINTERNAL, cause, "")
}

// classifyMiniApp maps a mini-program errcode to a domain code and a
// message a person can act on.
func classifyMiniApp(errcode int) (string, string) {
	switch errcode {
	case -1:
		return app.EUNAVAILABLE, "微信系统繁忙，请稍后再试"
	case 40001, 40125, 40013:
		return app.EUNAUTHORIZED, "小程序 AppID 或 AppSecret 不正确，请检查配置"
	case 40014, 42001, 41001:
		return app.EUNAUTHORIZED, "小程序访问凭证无效，请稍后重试"
	case 40029, 40163:
		return app.EINVALID, "微信授权 code 无效、已使用或已过期（5 分钟内有效）"
	case 45009, 45011:
		return app.ERATELIMITED, "小程序接口调用超过次数限制，请稍后再试"
	case 40169:
		return app.EINVALID, "小程序码的 scene 不合法（最多 32 个可见字符）"
	case 41030:
		return app.EINVALID, "小程序页面不存在或未发布"
	case 40003:
		return app.EINVALID, "openid 不属于本小程序"
	case 40037:
		return app.EINVALID, "订阅消息模板 ID 不合法"
	case 47003:
		return app.EINVALID, "订阅消息内容不合法"
	}
	return app.EINTERNAL, fmt.Sprintf("微信返回错误（%d）", errcode)
}
