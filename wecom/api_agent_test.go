package wecom_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom"
)

// agent/get reads the self-built app with its own secret's token; the
// 客户联系 secret's token, another app's agent id or a malformed one are
// refused as WeCom refuses them.
func TestAgent(t *testing.T) {
	testkit.EachRedis(t, func(t *testing.T, r *kv.Redis) {
		corp := newCorp(t)
		cfg := corp.Config()
		own := strconv.Itoa(cfg.AgentID)
		client := func(secret string) *wecom.Client {
			c, err := wecom.NewClient(r.Client, wecom.Corp{ID: cfg.CorpID, Secret: secret, AgentID: own}, wecom.WithBackoff(fastBackoff()))
			require.NoError(t, err)
			return c
		}
		a, err := client(cfg.AppSecret).Agent(context.Background(), own)
		require.NoError(t, err)
		assert.Equal(t, cfg.AgentID, a.AgentID)
		assert.NotEmpty(t, a.Name)
		assert.Zero(t, a.Close)
		tests := []struct {
			name, secret, agentID string
			code                  string
			errcode               int
		}{
			{"ContactSecret", cfg.ContactSecret, own, app.EFORBIDDEN, 301002},
			{"AnotherApp", cfg.AppSecret, "1000099", app.EFORBIDDEN, 301002},
			{"NotANumber", cfg.AppSecret, "sidebar", app.EINVALID, 40056},
			{"Missing", cfg.AppSecret, "", app.EINVALID, 41011},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := client(tt.secret).Agent(context.Background(), tt.agentID)
				assert.Equal(t, tt.code, app.ErrorCode(err))
				assert.Equal(t, tt.errcode, wecom.ErrCode(err))
			})
		}
	})
}
