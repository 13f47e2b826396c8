package main

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app/config"
)

// QR images may come from a sandbox only outside production, and only
// from the sandbox wecom.api_base names.
func TestSandboxQRBases(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, env, base string
		want            []string
	}{
		{"WeCom", "development", "https://qyapi.weixin.qq.com", nil},
		{"DemoSandbox", "development", "http://127.0.0.1:41234/", []string{"http://127.0.0.1:41234"}},
		{"ProductionProxyIsNoSandbox", config.EnvProduction, "https://egress.example.com/wecom", nil},
		{"Empty", "development", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := &config.Config{Env: tt.env, WeCom: config.WeCom{APIBase: tt.base}}
			assert.Equal(t, tt.want, sandboxQRBases(cfg))
		})
	}
}
