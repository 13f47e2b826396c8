package wecom_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

func TestUserIDFromCode(t *testing.T) {
	testkit.EachRedis(t, func(t *testing.T, r *kv.Redis) {
		ctx := context.Background()
		corp := newCorp(t)
		require.NoError(t, corp.AddMember(sandbox.Member{UserID: "guide1", Name: "导购一", ContactEnabled: true}))
		c := newAppClient(t, r, corp)

		t.Run("OK", func(t *testing.T) {
			code, err := corp.MintOAuthCode("guide1")
			require.NoError(t, err)
			got, err := c.UserIDFromCode(ctx, code)
			require.NoError(t, err)
			assert.Equal(t, "guide1", got)

			t.Run("ErrUsed", func(t *testing.T) {
				_, err := c.UserIDFromCode(ctx, code)
				assert.Equal(t, app.EUNAUTHORIZED, app.ErrorCode(err))
				assert.Equal(t, 40029, wecom.ErrCode(err))
			})
		})
		t.Run("ErrExpired", func(t *testing.T) {
			code, err := corp.MintOAuthCode("guide1")
			require.NoError(t, err)
			corp.Advance(sandbox.OAuthCodeTTL + time.Second)
			_, err = c.UserIDFromCode(ctx, code)
			assert.Equal(t, 40029, wecom.ErrCode(err))
			assert.Equal(t, "登录 code 无效或已过期，请重新登录", app.ErrorMessage(err))
		})
		t.Run("ErrUnknown", func(t *testing.T) {
			_, err := c.UserIDFromCode(ctx, "not-a-code")
			assert.Equal(t, 40029, wecom.ErrCode(err))
		})
		t.Run("ErrEmpty", func(t *testing.T) {
			_, err := c.UserIDFromCode(ctx, "")
			assert.Equal(t, app.EUNAUTHORIZED, app.ErrorCode(err))
		})
		assert.Equal(t, []int{0, 40029, 40029, 40029}, errcodes(corp, "auth/getuserinfo"), "a refused code is never retried")
	})
}

func TestMintOAuthCodeUnknownMember(t *testing.T) {
	_, err := newCorp(t).MintOAuthCode("nobody")
	assert.ErrorIs(t, err, sandbox.ErrNotFound)
}

func TestOAuthURL(t *testing.T) {
	got := wecom.OAuthURL(wecom.DefaultOAuthAuthorizeURL, "ww1", "1000002", "https://siyu.example.com/panel/oauth", "s1")
	base, frag, ok := strings.Cut(got, "#")
	require.True(t, ok)
	assert.Equal(t, "wechat_redirect", frag)
	u, err := url.Parse(base)
	require.NoError(t, err)
	assert.Equal(t, "https://open.weixin.qq.com/connect/oauth2/authorize", u.Scheme+"://"+u.Host+u.Path)
	assert.Equal(t, url.Values{"appid": {"ww1"}, "agentid": {"1000002"}, "redirect_uri": {"https://siyu.example.com/panel/oauth"},
		"response_type": {"code"}, "scope": {"snsapi_base"}, "state": {"s1"}}, u.Query())
}

// The sandbox's authorize page: a named member is sent back with a code
// the client can exchange; without one the page lists the members.
func TestSandboxAuthorizePage(t *testing.T) {
	r := testkit.OpenRedis(t, testkit.RedisConfig(t, "embedded"))
	corp := newCorp(t)
	require.NoError(t, corp.AddMember(sandbox.Member{UserID: "guide1", Name: "导购一", ContactEnabled: true}))
	base := sbBase
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	authorize := func(agent, user string) *http.Response {
		u := wecom.OAuthURL(base+sandbox.OAuthAuthorizePath, corp.ID(), agent, "https://siyu.example.com/panel/oauth?x=1", "st")
		if user != "" {
			u = strings.Replace(u, "#", "&"+sandbox.OAuthUserParam+"="+user+"#", 1)
		}
		resp, err := noFollow.Get(u)
		require.NoError(t, err)
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}
	t.Run("OK", func(t *testing.T) {
		resp := authorize("1000002", "guide1")
		require.Equal(t, http.StatusFound, resp.StatusCode)
		loc, err := url.Parse(resp.Header.Get("Location"))
		require.NoError(t, err)
		assert.Equal(t, "siyu.example.com", loc.Host)
		assert.Equal(t, "st", loc.Query().Get("state"))
		assert.Equal(t, "1", loc.Query().Get("x"))
		got, err := newAppClient(t, r, corp).UserIDFromCode(context.Background(), loc.Query().Get("code"))
		require.NoError(t, err)
		assert.Equal(t, "guide1", got)
	})
	t.Run("Picker", func(t *testing.T) {
		resp := authorize("1000002", "")
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		body := readAll(t, resp)
		assert.Contains(t, body, "导购一")
		assert.Contains(t, body, sandbox.OAuthUserParam+"=guide1")
	})
	t.Run("ErrAgent", func(t *testing.T) {
		assert.Equal(t, http.StatusBadRequest, authorize("999", "guide1").StatusCode)
	})
	t.Run("ErrMember", func(t *testing.T) {
		assert.Equal(t, http.StatusBadRequest, authorize("1000002", "nobody").StatusCode)
	})
}

func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(b)
}
