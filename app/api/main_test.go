package api_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/channel"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// sb is the test binary's WeCom sandbox: the SDK's base URL is
// process-wide, so every console's corp wwa has a sandbox corp of its own
// on this one.
var (
	sb    *sandbox.Sandbox
	sbURL string
)

func TestMain(m *testing.M) {
	stack.Main(m, sandbox.Options{Seed: 5}, func(s *sandbox.Sandbox, url string) { sb, sbURL = s, url })
}

// sandboxClients adds a sandbox corp and returns it with a channel.Clients
// giving the real WeCom client of that corp, whichever Siyu corp asks:
// consoles share the corp ids wwa and wwb, which the sandbox cannot. rdb
// is the embedded Redis the client keeps its token in.
func sandboxClients(t *testing.T) (sc *sandbox.Corp, rdb *kv.Redis, clients channel.Clients) {
	cfg := sandbox.NewCorpConfig(testkit.RandomName("ww"))
	sc, err := sb.AddCorp(cfg)
	require.NoError(t, err)
	rdb = testkit.OpenRedis(t, testkit.RedisConfig(t, config.RedisEmbedded))
	client, err := wecom.NewClient(rdb.Client, wecom.Corp{ID: cfg.CorpID, Secret: cfg.ContactSecret})
	require.NoError(t, err)
	return sc, rdb, fixedClient{client}
}

// fixedClient hands out one WeCom client whichever corp asks.
type fixedClient struct{ c *wecom.Client }

func (f fixedClient) Client(context.Context, int64) (channel.ContactWays, error) { return f.c, nil }
