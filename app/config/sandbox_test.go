package config_test

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
)

func TestSandboxDefaults(t *testing.T) {
	c, err := config.Load("", nil)
	require.NoError(t, err)
	assert.True(t, c.Sandbox.Demo, "the embedded default runs the demo corp")
	assert.Equal(t, "127.0.0.1:0", c.Sandbox.Addr)
	assert.Equal(t, "var/api.token", c.Security.APITokenFile)

	_, file, _, _ := runtime.Caller(0)
	example := filepath.Join(filepath.Dir(file), "..", "..", "configs", "production.example.yaml")
	p, err := config.Load(example, []string{"SIYU_DATABASE_DSN=u:p@tcp(db:3306)/siyu", "SIYU_SECURITY_SECRET_KEY=k"})
	require.NoError(t, err)
	assert.False(t, p.Sandbox.Demo, "production runs no simulated corp")
	assert.Empty(t, p.Security.APIToken+p.Security.APITokenFile, "no token unless one is given: the API answers 401")
}

func TestSandboxRefusedInProduction(t *testing.T) {
	_, err := config.Load("", []string{"SIYU_ENV=production"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "sandbox.demo: must be false when env is production")

	_, err = config.Load("", []string{"SIYU_SANDBOX_ADDR=9100", "SIYU_SECURITY_API_TOKEN=short"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "sandbox.addr")
	assert.Contains(t, err.Error(), "security.api_token: must be at least 16 characters")
}

func TestPanelConfig(t *testing.T) {
	c, err := config.Load("", nil)
	require.NoError(t, err)
	assert.Equal(t, "https://open.weixin.qq.com/connect/oauth2/authorize", c.Panel.OAuthAuthorizeURL)
	assert.Equal(t, "8h0m0s", c.Panel.SessionTTL.String())

	tests := []struct {
		name string
		env  []string
		want string
	}{
		{"ErrPublicURL", []string{"SIYU_PANEL_PUBLIC_URL=scrm.example.com"}, "panel.public_url: want an absolute"},
		{"ErrHTTPInProduction", []string{"SIYU_ENV=production", "SIYU_SANDBOX_DEMO=false", "SIYU_PANEL_PUBLIC_URL=http://scrm.example.com"}, "panel.public_url: must be https"},
		{"ErrTTL", []string{"SIYU_PANEL_SESSION_TTL=30s"}, "panel.session_ttl"},
		{"ErrKey", []string{"SIYU_PANEL_SESSION_KEY=short"}, "panel.session_key"},
		{"ErrAuthorize", []string{"SIYU_PANEL_OAUTH_AUTHORIZE_URL="}, "panel.oauth_authorize_url"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := config.Load("", tc.env)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
