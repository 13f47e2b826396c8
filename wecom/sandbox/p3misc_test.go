package sandbox_test

import (
	"net/url"
	"testing"
	"time"

	"github.com/silenceper/wechat/v2/cache"
	"github.com/silenceper/wechat/v2/miniprogram/auth"
	miniConfig "github.com/silenceper/wechat/v2/miniprogram/config"
	miniContext "github.com/silenceper/wechat/v2/miniprogram/context"
	"github.com/silenceper/wechat/v2/work"
	workConfig "github.com/silenceper/wechat/v2/work/config"
	"github.com/silenceper/wechat/v2/work/externalcontact"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

func TestSDKUserBehaviorData(t *testing.T) {
	c := guideCorp(t)
	for range 2 {
		a, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan"})
		require.NoError(t, err)
		require.NoError(t, c.MemberChats("zhangsan", a.ExternalUserID))
	}
	yesterday := c.Now().Add(-24 * time.Hour)
	c.SetBehavior("zhangsan", yesterday, sandbox.Behavior{ChatCnt: 4, MessageCnt: 9, CustomerChats: 2, ReplyPercentage: 50, AvgReplyTime: 3})
	data, err := sdkClient(c).GetUserBehaviorData(&externalcontact.GetUserBehaviorRequest{
		UserID: []string{"zhangsan"}, StartTime: int(yesterday.Unix()), EndTime: int(c.Now().Unix()),
	})
	require.NoError(t, err)
	require.Len(t, data, 2, "one entry per day")
	assert.Equal(t, 4, data[0].ChatCnt)
	assert.InDelta(t, 50.0, data[0].ReplyPercentage, 0.001)
	assert.Equal(t, 3, data[0].AvgReplyTime)
	assert.Equal(t, 2, data[1].ChatCnt, "today's recorded chats")
	assert.Equal(t, 2, data[1].NewContactCnt)
	assert.Zero(t, data[1].ReplyPercentage, "no chat a customer began: the SDK reads the absent figure as 0")
}

func TestSDKJSAPITickets(t *testing.T) {
	c := guideCorp(t)
	cfg := c.Config()
	js := work.NewWork(&workConfig.Config{
		CorpID: cfg.CorpID, CorpSecret: cfg.AppSecret, AgentID: "1000002", Cache: cache.NewMemory(),
	}).JsSdk()
	corp, err := js.GetConfig("https://siyu.example/panel")
	require.NoError(t, err)
	assert.NotEmpty(t, corp.Signature)
	agent, err := js.GetAgentConfig("https://siyu.example/panel")
	require.NoError(t, err)
	assert.NotEmpty(t, agent.Signature)

	tok := token(t, c)
	first := get(t, "/cgi-bin/get_jsapi_ticket", url.Values{"access_token": {tok}})
	again := get(t, "/cgi-bin/get_jsapi_ticket", url.Values{"access_token": {tok}})
	assert.Equal(t, first["ticket"], again["ticket"], "same ticket until it expires")
	assert.Equal(t, 40058, get(t, "/cgi-bin/ticket/get", url.Values{"access_token": {tok}, "type": {"other"}}).code())
	c.SetLimit("ticket/get", sandbox.Limit{PerHour: 1})
	assert.Equal(t, 45009, get(t, "/cgi-bin/ticket/get", url.Values{"access_token": {tok}, "type": {"agent_config"}}).code())
}

func TestSDKCode2Session(t *testing.T) {
	c := guideCorp(t)
	cfg := c.Config()
	mini := auth.NewAuth(&miniContext.Context{Config: &miniConfig.Config{
		AppID: cfg.MiniAppID, AppSecret: cfg.MiniAppSecret, Cache: cache.NewMemory(),
	}})
	code := c.MintLoginCode("", "oUnion1")
	res, err := mini.Code2Session(code)
	require.NoError(t, err)
	assert.Equal(t, "oUnion1", res.UnionID)
	assert.NotEmpty(t, res.OpenID)
	assert.NotEmpty(t, res.SessionKey)

	tests := []struct {
		name string
		q    url.Values
		code int
	}{
		{"ErrUsed", url.Values{"appid": {cfg.MiniAppID}, "secret": {cfg.MiniAppSecret}, "js_code": {code}}, 40163},
		{"ErrUnknownCode", url.Values{"appid": {cfg.MiniAppID}, "secret": {cfg.MiniAppSecret}, "js_code": {"nope"}}, 40029},
		{"ErrWrongSecret", url.Values{"appid": {cfg.MiniAppID}, "secret": {"x"}, "js_code": {code}}, 40125},
		{"ErrUnknownApp", url.Values{"appid": {"wxnobody"}, "secret": {"x"}, "js_code": {code}}, 40013},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Set("grant_type", "authorization_code")
			assert.Equal(t, tt.code, get(t, "/sns/jscode2session", tt.q).code())
		})
	}
	t.Run("ErrExpired", func(t *testing.T) {
		late := c.MintLoginCode("oOpen", "")
		c.Advance(5*time.Minute + time.Second)
		q := url.Values{"appid": {cfg.MiniAppID}, "secret": {cfg.MiniAppSecret}, "js_code": {late}}
		assert.Equal(t, 40029, get(t, "/sns/jscode2session", q).code())
	})
}
