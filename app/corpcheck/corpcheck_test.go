package corpcheck_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/corpcheck"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// sb is the test binary's WeCom sandbox; each test has a corp of its own.
var sb *sandbox.Sandbox

func TestMain(m *testing.M) {
	stack.Main(m, sandbox.Options{Seed: 17}, func(s *sandbox.Sandbox, _ string) { sb = s })
}

// fixture is a running Siyu for a sandbox corp whose credentials are
// all registered (the self-built app's too), with the check built as
// cmd/siyu/root builds it.
type fixture struct {
	*stack.Stack
	check *corpcheck.Service
}

func newFixture(t *testing.T) *fixture {
	s := stack.Start(t, sb, stack.Options{Driver: config.DriverSQLite, RedisMode: config.RedisEmbedded, DirectoryOnly: true})
	s.SC.Clock().Set(time.Now()) // WeCom signs the URL verification with its own time, which Siyu checks
	cfg := s.SC.Config()
	s.Corp.AgentID, s.Corp.AgentSecret = strconv.Itoa(cfg.AgentID), cfg.AppSecret
	require.NoError(t, s.Stores.Corps.UpdateCorpCredentials(context.Background(), s.Corp))
	require.NoError(t, s.SC.AddMember(sandbox.Member{UserID: "guide1", Name: "导购一", ContactEnabled: true}))
	return &fixture{Stack: s, check: corpcheck.New(corpcheck.Deps{Corps: s.Stores.Corps, Clients: s.Clients,
		Callbacks: kv.NewCallbackLog(s.Redis), Audit: s.Audit})}
}

// edit changes the registered credentials, as siyu corp update does.
func (f *fixture) edit(t *testing.T, change func(c *app.Corp)) {
	change(f.Corp)
	require.NoError(t, f.Stores.Corps.UpdateCorpCredentials(context.Background(), f.Corp))
}

// run checks the corp and returns the results by part.
func (f *fixture) run(t *testing.T) map[string]app.ConnectivityCheck {
	checks, err := f.check.CheckConnectivity(context.Background(), f.Corp.ID)
	require.NoError(t, err)
	out := map[string]app.ConnectivityCheck{}
	for _, c := range checks {
		out[c.Key] = c
	}
	require.Len(t, out, 4, "one result per part")
	return out
}

// With every credential right and WeCom's URL verification answered,
// every part is fine and the run is in the audit trail.
func TestAllConnected(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, f.SC.VerifyCallbackURL(context.Background()))
	got := f.run(t)
	for key, c := range got {
		assert.Equal(t, app.CheckOK, c.Status, "%s: %s %s", key, c.Detail, c.Hint)
		assert.Empty(t, c.Hint, key)
	}
	assert.Contains(t, got[app.CheckContactSecret].Detail, "开通客户联系的成员 1 人")
	assert.Contains(t, got[app.CheckAppSecret].Detail, "AgentId 1000002")
	assert.Contains(t, got[app.CheckCallback].Detail, "最近一次 URL 验证")
	es, err := f.Audit.List(context.Background(), app.AuditFilter{CorpID: f.Corp.ID, TargetType: "corp"})
	require.NoError(t, err)
	require.Len(t, es, 1)
	assert.Equal(t, "corp.check", es[0].Action)
	assert.JSONEq(t, `{"contact_secret":{"status":"ok"},"app_secret":{"status":"ok"},"callback":{"status":"ok"},"trusted_ip":{"status":"ok"}}`, es[0].Detail)
}

// Each way a corp's setup goes wrong fails its part with WeCom's errcode
// and the fix, the corp's own id filled in.
func TestEachFailureHasItsHint(t *testing.T) {
	tests := []struct {
		name    string
		break_  func(t *testing.T, f *fixture)
		check   string
		errcode int
		hint    string
	}{
		{"WrongContactSecret", func(t *testing.T, f *fixture) { f.edit(t, func(c *app.Corp) { c.ContactSecret = "not-the-secret" }) },
			app.CheckContactSecret, 40001, "客户联系 Secret 不正确"},
		{"ContactSecretMissing", func(t *testing.T, f *fixture) { f.edit(t, func(c *app.Corp) { c.ContactSecret = "" }) },
			app.CheckContactSecret, 0, "SIYU_CORP_CONTACT_SECRET"},
		{"WrongAppSecret", func(t *testing.T, f *fixture) { f.edit(t, func(c *app.Corp) { c.AgentSecret = "not-the-secret" }) },
			app.CheckAppSecret, 40001, "自建应用 Secret 不正确"},
		{"AgentIDOfAnotherApp", func(t *testing.T, f *fixture) { f.edit(t, func(c *app.Corp) { c.AgentID = "1000099" }) },
			app.CheckAppSecret, 301002, "不属于同一个应用"},
		{"ContactSecretAsAppSecret", func(t *testing.T, f *fixture) { f.edit(t, func(c *app.Corp) { c.AgentSecret = c.ContactSecret }) },
			app.CheckAppSecret, 301002, "不属于同一个应用"},
		{"AgentIDNotANumber", func(t *testing.T, f *fixture) { f.edit(t, func(c *app.Corp) { c.AgentID = "sidebar" }) },
			app.CheckAppSecret, 40056, "AgentId 不正确"},
		{"AppNotConfigured", func(t *testing.T, f *fixture) { f.edit(t, func(c *app.Corp) { c.AgentID, c.AgentSecret = "", "" }) },
			app.CheckAppSecret, 0, "--agent-id"},
		{"NoContactPermission", func(t *testing.T, f *fixture) {
			f.SC.InjectFault("externalcontact/get_follow_user_list", sandbox.Fault{ErrCode: 48002})
		}, app.CheckContactSecret, 48002, "可调用接口的应用"},
		{"UntrustedIP", func(t *testing.T, f *fixture) {
			f.SC.InjectFault("externalcontact/get_follow_user_list", sandbox.Fault{ErrCode: 60020})
			f.SC.InjectFault("agent/get", sandbox.Fault{ErrCode: 60020})
		}, app.CheckTrustedIP, 60020, "企业可信IP"},
		{"WeComBusy", func(t *testing.T, f *fixture) {
			f.SC.InjectFault("externalcontact/get_follow_user_list", sandbox.Fault{ErrCode: -1})
		}, app.CheckContactSecret, -1, "qyapi.weixin.qq.com"},
		{"NoCallbackYet", func(t *testing.T, f *fixture) {}, app.CheckCallback, 0, "接收事件服务器"},
		{"CallbackKeysDiffer", func(t *testing.T, f *fixture) {
			f.edit(t, func(c *app.Corp) { c.CallbackToken = "another-token" })
			require.Error(t, f.SC.VerifyCallbackURL(context.Background()), "Siyu cannot answer with other keys")
		}, app.CheckCallback, 0, "Token 或 EncodingAESKey 与管理后台不一致"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			tt.break_(t, f)
			got := f.run(t)[tt.check]
			assert.Equal(t, app.CheckFailed, got.Status, got.Detail)
			assert.Equal(t, tt.errcode, got.ErrCode)
			assert.Contains(t, got.Hint, tt.hint)
			assert.NotContains(t, got.Hint, "<企业ID>", "the corp's id is filled in")
			assert.NotEmpty(t, got.Detail)
		})
	}
}

// The trusted-IP finding follows the calls: 60020 on either secret's call
// fails it, with the contact check pointing at the same fix; a secret
// that got no token leaves it to the other; none at all cannot tell.
func TestTrustedIPFollowsTheCalls(t *testing.T) {
	t.Run("OneSecretRefused", func(t *testing.T) {
		f := newFixture(t)
		f.SC.InjectFault("agent/get", sandbox.Fault{ErrCode: 60020})
		got := f.run(t)
		assert.Equal(t, app.CheckOK, got[app.CheckContactSecret].Status)
		assert.Equal(t, 60020, got[app.CheckAppSecret].ErrCode)
		assert.Contains(t, got[app.CheckAppSecret].Hint, "企业可信IP")
		assert.Equal(t, app.CheckFailed, got[app.CheckTrustedIP].Status)
	})
	t.Run("OtherSecretWorks", func(t *testing.T) {
		f := newFixture(t)
		f.edit(t, func(c *app.Corp) { c.AgentSecret = "not-the-secret" })
		assert.Equal(t, app.CheckOK, f.run(t)[app.CheckTrustedIP].Status)
	})
	t.Run("NoCallGotThrough", func(t *testing.T) {
		f := newFixture(t)
		f.edit(t, func(c *app.Corp) { c.ContactSecret, c.AgentSecret = "not-the-secret", "not-either" })
		got := f.run(t)[app.CheckTrustedIP]
		assert.Equal(t, app.CheckUnknown, got.Status)
		assert.Zero(t, got.ErrCode)
	})
}

// An event whose signature checks out shows the URL works even when the
// verification was long ago (or made before Siyu remembered it).
func TestCallbackEventCounts(t *testing.T) {
	f := newFixture(t)
	_, err := f.SC.CustomerAdds(sandbox.Add{UserID: "guide1", Customer: sandbox.Customer{Name: "回调客户"}})
	require.NoError(t, err)
	require.NoError(t, f.SC.WaitDeliveries(context.Background()))
	got := f.run(t)[app.CheckCallback]
	assert.Equal(t, app.CheckOK, got.Status, got.Hint)
	assert.Contains(t, got.Detail, "最近一次 URL 验证：无")
}
