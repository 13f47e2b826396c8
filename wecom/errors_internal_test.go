package wecom

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"testing"

	"github.com/silenceper/wechat/v2/util"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
)

func TestMapError(t *testing.T) {
	netErr := &url.Error{Op: "Get", URL: "http://127.0.0.1:1/cgi-bin/gettoken?corpid=c&corpsecret=SECRET", Err: errors.New("connection refused")}
	tests := []struct {
		name    string
		err     error
		code    string
		errcode int
	}{
		{"Busy", util.NewCommonError("x", -1, "system busy"), app.EUNAVAILABLE, -1},
		{"BadSecret", util.NewCommonError("gettoken", 40001, "invalid secret"), app.EUNAUTHORIZED, 40001},
		{"BadCorpID", util.NewCommonError("gettoken", 40013, "invalid corpid"), app.EUNAUTHORIZED, 40013},
		{"StaleToken", util.NewCommonError("x", 42001, "expired"), app.EUNAUTHORIZED, 42001},
		{"NoPermission", util.NewCommonError("x", 48002, "api forbidden"), app.EFORBIDDEN, 48002},
		{"UntrustedIP", util.NewCommonError("x", 60020, "not allow to access from your ip"), app.EFORBIDDEN, 60020},
		{"NoContactPermission", util.NewCommonError("x", 84074, "no privilege"), app.EFORBIDDEN, 84074},
		{"RateLimited", util.NewCommonError("x", 45009, "api freq out of limit"), app.ERATELIMITED, 45009},
		{"Concurrency", util.NewCommonError("x", 45033, "api concurrent out of limit"), app.ERATELIMITED, 45033},
		{"NoSuchMember", util.NewCommonError("x", 60111, "userid not found"), app.ENOTFOUND, 60111},
		{"NoRelation", util.NewCommonError("x", 84061, "not external contact"), app.ENOTFOUND, 84061},
		{"BadExternalUserID", util.NewCommonError("x", 40096, "invalid external userid"), app.ENOTFOUND, 40096},
		{"WelcomeCodeExpired", util.NewCommonError("x", 41050, "invalid welcome code"), app.EINVALID, 41050},
		{"AlreadyChatting", util.NewCommonError("x", 41051, "already chatting"), app.ECONFLICT, 41051},
		{"TransferTooOften", util.NewCommonError("x", 40128, "transfer too often"), app.ECONFLICT, 40128},
		{"InTransfer", util.NewCommonError("x", 40129, "in transfer"), app.ECONFLICT, 40129},
		{"AlreadyTransferring", util.NewCommonError("x", 40100, "in transfer"), app.ECONFLICT, 40100},
		{"MiniCodeUsed", util.NewCommonError("x", 40163, "code been used"), app.EINVALID, 40163},
		{"Unknown", util.NewCommonError("x", 99999, "new code"), app.EINTERNAL, 99999},
		{"HTTP502", &url.Error{Op: "Post", URL: "http://h/x", Err: &StatusError{StatusCode: 502}}, app.EUNAVAILABLE, 0},
		{"Network", netErr, app.EUNAVAILABLE, 0},
		{"Canceled", context.Canceled, app.EUNAVAILABLE, 0},
		{"Decode", errors.New("json Unmarshal Error"), app.EINTERNAL, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := mapError("externalcontact/get", fmt.Errorf("call: %w", tt.err))
			assert.Equal(t, tt.code, app.ErrorCode(err))
			assert.Equal(t, tt.errcode, ErrCode(err))
			if tt.code != app.EINTERNAL {
				assert.NotEqual(t, "internal error", app.ErrorMessage(err), "a user-safe message")
			}
		})
	}
}

func TestMapErrorRedactsSecrets(t *testing.T) {
	err := mapError("gettoken", &url.Error{Op: "Get", URL: "http://127.0.0.1:1/cgi-bin/gettoken?corpid=c&corpsecret=SECRET&access_token=TOKEN", Err: errors.New("refused")})
	assert.NotContains(t, err.Error(), "SECRET")
	assert.NotContains(t, err.Error(), "TOKEN")
	assert.Contains(t, err.Error(), "/cgi-bin/gettoken")
}

func TestMapErrorKeepsDomainErrors(t *testing.T) {
	de := app.Errorf(app.EUNAVAILABLE, "缓存服务暂时不可用")
	require.Same(t, de, mapError("x", de))
	require.NoError(t, mapError("x", nil))
}

func TestOutcome(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"OK", nil, "ok"},
		{"ErrCode", util.NewCommonError("x", 45009, "limit"), "45009"},
		{"Status", &url.Error{Op: "Get", URL: "u", Err: &StatusError{StatusCode: 503}}, "http_503"},
		{"Network", &url.Error{Op: "Get", URL: "u", Err: errors.New("reset")}, "network"},
		{"Canceled", context.Canceled, "canceled"},
		{"Other", errors.New("decode"), "error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, outcome(tt.err)) })
	}
}
