package wecom_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

func TestSignJSAPI(t *testing.T) {
	// The worked example of the JS-SDK signature doc (WeChat's, which
	// WeCom's repeats); the digest was checked by hand with
	// printf 'jsapi_ticket=…&url=http://mp.weixin.qq.com?params=value' | sha1sum.
	const ticket = "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg"
	tests := []struct {
		name, url, want string
	}{
		{"OK", "http://mp.weixin.qq.com?params=value", "0f9de62fce790f9a083d5c99e95740ceb90c27ed"},
		{"FragmentStripped", "http://mp.weixin.qq.com?params=value#/customer?x=1", "0f9de62fce790f9a083d5c99e95740ceb90c27ed"},
		// printf … params=other | sha1sum: the URL is signed, not just carried
		{"OtherURL", "http://mp.weixin.qq.com?params=other", "18bca291bf944d07cfd1b955f3b277b00b1cdc03"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, wecom.SignJSAPI(ticket, "Wm3WZYTPz0wzccnW", 1414587457, tc.url))
		})
	}
}

// newAppClient returns a client for corp's self-built app secret, whose
// token the JS-SDK tickets and OAuth need.
func newAppClient(t *testing.T, r *kv.Redis, corp *sandbox.Corp) *wecom.Client {
	t.Helper()
	cfg := corp.Config()
	c, err := wecom.NewClient(r.Client, wecom.Corp{ID: cfg.CorpID, Secret: cfg.AppSecret, AgentID: fmt.Sprint(cfg.AgentID)},
		wecom.WithBackoff(fastBackoff()))
	require.NoError(t, err)
	return c
}

func TestJSSignTicketsSharedAndCached(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		ctx := context.Background()
		corp := newCorp(t)
		clients := []*wecom.Client{newAppClient(t, r, corp), newAppClient(t, r, corp)}
		now := time.Unix(1767574800, 0)
		const page = "https://siyu.example.com/panel/customer?corp=x"
		var wg sync.WaitGroup
		for i := range 20 {
			wg.Go(func() {
				kind := []string{wecom.TicketCorp, wecom.TicketAgent}[i%2]
				s, err := clients[i%2].JSSign(ctx, kind, page+"#frag", now)
				if !assert.NoError(t, err) {
					return
				}
				want := corp.JSAPITicket(map[string]string{wecom.TicketCorp: "corp", wecom.TicketAgent: "agent"}[kind])
				assert.Equal(t, wecom.SignJSAPI(want, s.NonceStr, now.Unix(), page), s.Signature, kind)
				assert.Equal(t, now.Unix(), s.Timestamp)
				assert.Len(t, s.NonceStr, 16)
			})
		}
		wg.Wait()
		assert.Len(t, corp.CallsTo("get_jsapi_ticket"), 1, "two processes, one corp ticket fetch")
		assert.Len(t, corp.CallsTo("ticket/get"), 1, "two processes, one app ticket fetch")
		var tickets []string
		for _, k := range testkit.Keys(t, r, "siyu:wecom:ticket:"+corp.ID()+":*") {
			if ttl := r.Client.TTL(ctx, k).Val(); ttl > 0 && len(k) > 0 && k[len(k)-5:] != ":lock" {
				tickets = append(tickets, k)
				assert.InDelta(t, (7200*time.Second - 5*time.Minute).Seconds(), ttl.Seconds(), 30, "kept 5 minutes less than expires_in")
			}
		}
		assert.Len(t, tickets, 2)
	})
}

func TestJSSignRefetchesTokenOnce(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		ctx := context.Background()
		corp := newCorp(t)
		c := newAppClient(t, r, corp)
		_, err := c.FollowUsers(ctx) // caches a token
		require.NoError(t, err)
		corp.RevokeTokens()
		s, err := c.JSSign(ctx, wecom.TicketAgent, "https://siyu.example.com/panel", time.Now())
		require.NoError(t, err)
		assert.Equal(t, wecom.SignJSAPI(corp.JSAPITicket("agent"), s.NonceStr, s.Timestamp, "https://siyu.example.com/panel"), s.Signature)
		assert.Len(t, corp.CallsTo("gettoken"), 2, "the revoked token was dropped and fetched again")
		assert.Equal(t, []int{0}, errcodes(corp, "ticket/get"), "the refused try named no corp; the second one worked")
	})
}

func TestJSSignUnknownKind(t *testing.T) {
	r := testkit.OpenRedis(t, testkit.RedisConfig(t, "embedded"))
	_, err := newAppClient(t, r, newCorp(t)).JSSign(context.Background(), "wx", "https://x", time.Now())
	assert.Error(t, err)
}
