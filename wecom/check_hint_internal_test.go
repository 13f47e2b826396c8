package wecom

import (
	"context"
	"fmt"
	"testing"

	"github.com/silenceper/wechat/v2/util"
	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app"
)

// Each errcode a connectivity check meets has its fix, for the part
// checked; a 60020 names the refused address when WeCom's answer does.
func TestCheckHint(t *testing.T) {
	wrap := func(code int, msg string) error {
		return mapError("x", fmt.Errorf("call: %w", util.NewCommonError("x", int64(code), msg)))
	}
	tests := []struct {
		name, check string
		err         error
		errcode     int
		hint        string
	}{
		{"ContactSecret", app.CheckContactSecret, wrap(40001, "invalid credential"), 40001, "客户联系 Secret 不正确"},
		{"AppSecret", app.CheckAppSecret, wrap(40001, "invalid credential"), 40001, "自建应用 Secret 不正确"},
		{"CorpID", app.CheckContactSecret, wrap(40013, "invalid corpid"), 40013, "企业ID 不正确"},
		{"NoContactAPI", app.CheckContactSecret, wrap(48002, "api forbidden"), 48002, "可调用接口的应用"},
		{"NoContactPermission", app.CheckContactSecret, wrap(84074, "no privilege"), 84074, "可调用接口的应用"},
		{"AgentMismatch", app.CheckAppSecret, wrap(301002, "not allow"), 301002, "不属于同一个应用"},
		{"AgentInvalid", app.CheckAppSecret, wrap(40056, "invalid agentid"), 40056, "AgentId 不正确"},
		{"UntrustedIP", app.CheckAppSecret, wrap(60020, "not allow to access from your ip, hint: [x], from ip: 203.0.113.7, more info"),
			60020, "出口 IP 203.0.113.7"},
		{"UntrustedIPUnnamed", app.CheckContactSecret, wrap(60020, "not allow to access from your ip"), 60020, "企业可信IP"},
		{"Busy", app.CheckContactSecret, wrap(-1, "system busy"), -1, "qyapi.weixin.qq.com"},
		{"Network", app.CheckContactSecret, mapError("x", context.DeadlineExceeded), 0, "qyapi.weixin.qq.com"},
		{"Unknown", app.CheckAppSecret, wrap(99999, "new"), 99999, "devtool/query?e=99999"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, hint := CheckHint(tt.check, tt.err)
			assert.Equal(t, tt.errcode, code)
			assert.Contains(t, hint, tt.hint)
		})
	}
}
