package wecom

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"

	"github.com/silenceper/wechat/v2/util"

	"github.com/siyu-scrm/siyu/app"
)

// ErrCode returns the WeCom (or WeChat) errcode carried by err, or 0 when
// err is nil or did not come from an errcode. Callers branch on specific
// codes (41050, 41051, 40128…) that the domain code alone cannot tell.
func ErrCode(err error) int {
	var ce *util.CommonError
	if errors.As(err, &ce) {
		return int(ce.ErrCode)
	}
	return 0
}

// mapError turns a failed call into a domain error with a user-safe
// message, keeping the cause (errcode, status, network error) for logs and
// for ErrCode.
func mapError(api string, err error) error {
	if err == nil {
		return nil
	}
	var de *app.Error
	if errors.As(err, &de) {
		return err
	}
	cause := fmt.Errorf("wecom %s: %w", api, redact(err))
	if code := ErrCode(err); code != 0 {
		kind, msg := classify(code)
		return app.Wrap(kind, answered(code, cause), msg)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return app.Wrap(app.EUNAVAILABLE, cause, "企业微信请求已取消或超时")
	}
	var se *StatusError
	var ue *url.Error
	if errors.As(err, &se) || errors.As(err, &ue) {
		return app.Wrap(app.EUNAVAILABLE, cause, "企业微信暂时无法访问，请稍后再试")
	}
	return app.Wrap(app.EINTERNAL, cause, "")
}

// redact drops the query string from a transport error's URL: it carries
// the access token, and for gettoken and jscode2session the secret.
func redact(err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	u, perr := url.Parse(ue.URL)
	if perr != nil {
		return &url.Error{Op: ue.Op, URL: "(unparsable url)", Err: ue.Err}
	}
	u.RawQuery, u.User, u.Fragment = "", nil, ""
	return &url.Error{Op: ue.Op, URL: u.String(), Err: ue.Err}
}

// outcome labels a call for metrics: "ok", the errcode, or the kind of
// transport failure. The set is bounded by WeCom's own list of codes.
func outcome(err error) string {
	var se *StatusError
	switch {
	case err == nil:
		return "ok"
	case ErrCode(err) != 0:
		return strconv.Itoa(ErrCode(err))
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return "canceled"
	case errors.As(err, &se):
		return "http_" + strconv.Itoa(se.StatusCode)
	case errors.As(err, new(*url.Error)):
		return "network"
	}
	return "error"
}
