package api_test

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// miniMember is a member as the consumer API answers it.
type miniMember struct {
	ID            int64
	Phone         string
	PhoneVerified bool `json:"phone_verified"`
	Points        int64
}

// registerMini registers the sandbox corp's mini-program for wwa as an
// operator would, and returns its appid.
func (c *console) registerMini(t *testing.T) string {
	cfg := c.sc.Config()
	body := `{"appid":"` + cfg.MiniAppID + `","name":"徐汇小程序","app_secret":"` + cfg.MiniAppSecret +
		`","join_template":"tpl-join","reward_template":"tpl-reward","campaign_page":"pages/campaign/index"}`
	assert.Equal(t, http.StatusForbidden, send(c.h, "POST", "/api/v1/corps/wwa/mini-apps", body, c.login(t, "wwa", "sam")...).Code)
	w := send(c.h, "POST", "/api/v1/corps/wwa/mini-apps", body, c.login(t, "wwa", "olga")...)
	require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
	assert.NotContains(t, w.Body.String(), cfg.MiniAppSecret, "the secret never goes out")
	return cfg.MiniAppID
}

// miniLogin logs the consumer of a sandbox login code in from ip and
// returns their token and member.
func (c *console) miniLogin(t *testing.T, appid, code, ip string) (string, miniMember) {
	w := send(c.h, "POST", "/api/mini/v1/login", `{"appid":"`+appid+`","code":"`+code+`"}`, "X-Forwarded-For", ip)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	out := decode[struct {
		Token  string
		Member miniMember
	}](t, w)
	require.NotEmpty(t, out.Token)
	return out.Token, out.Member
}

func bearer(tok string) []string {
	return []string{"Authorization", "Bearer " + tok, "X-Forwarded-For", "10.1.0.1"}
}

// The consumer API end to end against the sandbox: a login code becomes
// a session (a forged or reused one is refused), the phone of a
// getPhoneNumber code binds once and within 5 minutes, the member sees
// themselves and their store's guide, and a session reaches only its own
// member.
func TestMiniConsumerAPI(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		appid := c.registerMini(t)
		code := c.sc.MintLoginCode("", "union-a")
		tok, me := c.miniLogin(t, appid, code, "10.0.0.1")
		assert.NotZero(t, me.ID)
		w := send(c.h, "POST", "/api/mini/v1/login", `{"appid":"`+appid+`","code":"`+code+`"}`, "X-Forwarded-For", "10.0.0.1")
		assert.Equal(t, http.StatusBadRequest, w.Code, "a code is spent once")
		w = send(c.h, "POST", "/api/mini/v1/login", `{"appid":"`+appid+`","code":"forged-code"}`, "X-Forwarded-For", "10.0.0.1")
		assert.Equal(t, http.StatusBadRequest, w.Code)
		assert.Contains(t, w.Body.String(), "code 无效")
		_, again := c.miniLogin(t, appid, c.sc.MintLoginCode("", "union-a"), "10.0.0.1")
		assert.Equal(t, me.ID, again.ID, "the same unionid is the same member")

		assert.Equal(t, http.StatusUnauthorized, send(c.h, "GET", "/api/mini/v1/me", "").Code)
		assert.Equal(t, http.StatusUnauthorized, send(c.h, "GET", "/api/mini/v1/me", "", bearer("forged")...).Code)
		w = send(c.h, "GET", "/api/mini/v1/me", "", bearer(tok)...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, me.ID, decode[miniMember](t, w).ID)

		phone := c.sc.MintPhoneCode("13800138000")
		w = send(c.h, "POST", "/api/mini/v1/phone", `{"code":"`+phone+`"}`, bearer(tok)...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		bound := decode[miniMember](t, w)
		assert.Equal(t, "138****8000", bound.Phone)
		assert.True(t, bound.PhoneVerified)
		assert.NotContains(t, w.Body.String(), "13800138000")
		assert.Equal(t, http.StatusBadRequest, send(c.h, "POST", "/api/mini/v1/phone", `{"code":"`+phone+`"}`, bearer(tok)...).Code, "used")
		late := c.sc.MintPhoneCode("13900139000")
		c.sc.Advance(6 * time.Minute)
		w = send(c.h, "POST", "/api/mini/v1/phone", `{"code":"`+late+`"}`, bearer(tok)...)
		assert.Equal(t, http.StatusBadRequest, w.Code, "5 minutes")
		assert.Contains(t, w.Body.String(), "过期")

		other, theirs := c.miniLogin(t, appid, c.sc.MintLoginCode("", "union-b"), "10.0.0.2")
		require.NotEqual(t, me.ID, theirs.ID)
		w = send(c.h, "GET", "/api/mini/v1/members/"+itoa(theirs.ID), "", bearer(tok)...)
		assert.Equal(t, http.StatusForbidden, w.Code)
		assert.Contains(t, w.Body.String(), "只能查看自己的会员信息")
		assert.Equal(t, http.StatusOK, send(c.h, "GET", "/api/mini/v1/members/"+itoa(theirs.ID), "", bearer(other)...).Code)
		assert.Equal(t, http.StatusNoContent, send(c.h, "POST", "/api/mini/v1/logout", "", bearer(other)...).Code)
		assert.Equal(t, http.StatusUnauthorized, send(c.h, "GET", "/api/mini/v1/me", "", bearer(other)...).Code, "logged out")

		c.seedStore(t)
		olga := c.login(t, "wwa", "olga")
		w = send(c.h, "POST", "/api/v1/corps/wwa/members", `{"unionid":"union-a","home_store_code":"XH"}`, olga...)
		require.Less(t, w.Code, 300, w.Body.String())
		w = send(c.h, "POST", "/api/v1/corps/wwa/channels", `{"name":"徐汇店门口","kind":"store","store_id":`+itoa(storeID(t, c))+
			`,"welcome":{"text":"欢迎"},"members":[{"userid":"g1"}]}`, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		w = send(c.h, "GET", "/api/mini/v1/me/guide", "", bearer(tok)...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		guide := decode[map[string]string](t, w)
		assert.Equal(t, "徐汇店", guide["store_name"])
		assert.NotEmpty(t, guide["qr_code_url"], "the store's channel code")
		assert.Contains(t, guide["how"], "徐汇店")
	})
}

func storeID(t *testing.T, c *console) int64 {
	w := send(c.h, "GET", "/api/v1/corps/wwa/stores", "", "Authorization", "Bearer "+apiToken)
	return int64(decode[map[string]any](t, w)["items"].([]any)[0].(map[string]any)["id"].(float64))
}

// Subscribe consents: each accepted template is one notice; a notice
// retried under its key sends nothing more; WeChat's 43101 spends the
// consent and reports not sent; with none left nothing is sent.
func TestMiniConsentsAndNotify(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		appid := c.registerMini(t)
		tok, me := c.miniLogin(t, appid, c.sc.MintLoginCode("oA-notify", "union-n"), "10.0.1.1")
		w := send(c.h, "POST", "/api/mini/v1/consents", `{"template_ids":["tpl-unknown"],"scene":"reward"}`, bearer(tok)...)
		assert.Equal(t, http.StatusBadRequest, w.Code)
		assert.Contains(t, w.Body.String(), "不是本小程序的通知模板")
		for range 2 {
			w = send(c.h, "POST", "/api/mini/v1/consents", `{"template_ids":["tpl-reward"],"scene":"reward"}`, bearer(tok)...)
			require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		}
		c.sc.Subscribe("oA-notify", "tpl-reward") // WeChat counts one acceptance; Siyu was told twice

		ctx := context.Background()
		n := app.MiniNotice{CorpID: c.corpA, MemberID: me.ID, Kind: app.NoticeReward, Data: map[string]string{"thing1": "奖励已到账"}, Key: "reward:1"}
		for range 2 {
			sent, err := c.g.MiniApps.Notify(ctx, n)
			require.NoError(t, err)
			assert.True(t, sent)
		}
		require.Len(t, c.sc.SubscribeMessages(), 1, "a notice retried sends nothing more")
		assert.Equal(t, "pages/campaign/index", c.sc.SubscribeMessages()[0].Page)

		n.Key = "reward:2"
		sent, err := c.g.MiniApps.Notify(ctx, n)
		require.NoError(t, err)
		assert.False(t, sent, "43101: the caller falls back to the progress page")
		n.Key = "reward:3"
		sent, err = c.g.MiniApps.Notify(ctx, n)
		require.NoError(t, err)
		assert.False(t, sent, "no consent left")
		n.Key, n.Kind = "join:1", app.NoticeJoin
		sent, err = c.g.MiniApps.Notify(ctx, n)
		require.NoError(t, err)
		assert.False(t, sent, "a reward consent is no join consent")
		n.Key, n.Kind = "other:1", "birthday"
		_, err = c.g.MiniApps.Notify(ctx, n)
		assert.Equal(t, app.EINVALID, app.ErrorCode(err), "no such notice")
		assert.Len(t, c.sc.SubscribeMessages(), 1)
	})
}

// Logins from one IP beyond the limit are refused with 429 in Chinese,
// while another IP still logs in; a consumer's requests are limited by
// their openid whatever IP they come from.
func TestMiniRateLimit(t *testing.T) {
	c := newConsole(t, testkit.MigratedDB(t, "sqlite"))
	appid := c.registerMini(t)
	ip := "10.2." + itoa(time.Now().UnixNano()%250) + ".9"
	var limited int
	for range 20 {
		w := send(c.h, "POST", "/api/mini/v1/login", `{"appid":"`+appid+`","code":"forged"}`, "X-Forwarded-For", ip)
		if w.Code == http.StatusTooManyRequests {
			limited++
			assert.Contains(t, w.Body.String(), "请求过于频繁")
			assert.NotEmpty(t, w.Header().Get("Retry-After"))
		} else {
			assert.Equal(t, http.StatusBadRequest, w.Code)
		}
	}
	assert.GreaterOrEqual(t, limited, 5, "a burst of 10, then one every 2 seconds")
	tok, _ := c.miniLogin(t, appid, c.sc.MintLoginCode("", "union-r"), "10.3.0.1")
	assert.True(t, strings.TrimSpace(tok) != "", "another IP still logs in")

	limited = 0
	for i := range 40 { // one consumer from many IPs: the openid's own limit
		w := send(c.h, "GET", "/api/mini/v1/me", "", "Authorization", "Bearer "+tok, "X-Forwarded-For", "10.4.0."+itoa(int64(i+1)))
		if w.Code == http.StatusTooManyRequests {
			limited++
			assert.Contains(t, w.Body.String(), "请求过于频繁")
		} else {
			assert.Equal(t, http.StatusOK, w.Code)
		}
	}
	assert.GreaterOrEqual(t, limited, 5, "a burst of 30 a consumer")
}

// Notices racing for one consent: of twenty with their own keys exactly
// one is sent; twenty copies of one notice send it once, each copy
// answering sent or "in flight, retry", and a retry afterwards sent.
func TestMiniNotifyConcurrent(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		appid := c.registerMini(t)
		tok, me := c.miniLogin(t, appid, c.sc.MintLoginCode("oA-race", "union-race"), "10.0.2.1")
		consent := func() {
			w := send(c.h, "POST", "/api/mini/v1/consents", `{"template_ids":["tpl-join"],"scene":"join"}`, bearer(tok)...)
			require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		}
		consent()
		for range 40 {
			c.sc.Subscribe("oA-race", "tpl-join") // WeChat would take more: only Siyu's count stops them
		}
		var unsent atomic.Int64 // answers of "not sent", without error
		notify := func(key string) bool {
			sent, err := c.g.MiniApps.Notify(context.Background(), app.MiniNotice{CorpID: c.corpA, MemberID: me.ID, Kind: app.NoticeJoin,
				Data: map[string]string{"thing1": "参与成功"}, Key: key})
			if err != nil {
				assert.Equal(t, app.EUNAVAILABLE, app.ErrorCode(err), "%v", err)
			} else if !sent {
				unsent.Add(1)
			}
			return sent
		}
		count := func(keys func(i int) string) int {
			results := make(chan bool, 20)
			for i := range 20 {
				go func() { results <- notify(keys(i)) }()
			}
			n := 0
			for range 20 {
				if <-results {
					n++
				}
			}
			return n
		}
		assert.Equal(t, 1, count(func(i int) string { return "join:" + itoa(int64(i)) }), "one consent, one notice")
		assert.Len(t, c.sc.SubscribeMessages(), 1)
		consent()
		unsent.Store(0)
		assert.GreaterOrEqual(t, count(func(int) string { return "join:again" }), 1, "the copy that sent it")
		assert.Zero(t, unsent.Load(), "no copy of a notice being sent says it was not")
		assert.Len(t, c.sc.SubscribeMessages(), 2, "the second consent, spent once")
		assert.True(t, notify("join:again"), "settled: a retry answers sent")
		assert.False(t, notify("join:more"), "no consent left")
		assert.Len(t, c.sc.SubscribeMessages(), 2)
	})
}

// A phone another member holds: bound through the member rules, which
// merge the two records or leave them for review, never two members with
// one verified phone.
func TestMiniPhoneOfAnotherMember(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		appid := c.registerMini(t)
		olga := c.login(t, "wwa", "olga")
		w := send(c.h, "POST", "/api/v1/corps/wwa/members", `{"member_no":"M7","name":"王五","phone":"13600136000","phone_verified":true}`, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		pos := decode[map[string]map[string]any](t, w)["member"]["id"]
		tok, me := c.miniLogin(t, appid, c.sc.MintLoginCode("", "union-w"), "10.0.3.1")
		w = send(c.h, "POST", "/api/mini/v1/phone", `{"code":"`+c.sc.MintPhoneCode("13600136000")+`"}`, bearer(tok)...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		bound := decode[miniMember](t, w)
		t.Logf("pos member %v, session member %d → %d", pos, me.ID, bound.ID)
		w = send(c.h, "GET", "/api/mini/v1/me", "", bearer(tok)...)
		require.Equal(t, http.StatusOK, w.Code)
		now := decode[map[string]any](t, w)
		assert.Equal(t, "136****6000", now["phone"])
		assert.Equal(t, "M7", now["member_no"], "the POS record and the consumer are one member")
	})
}

// The mini-program serving a brand: its own, else the shared pool's;
// a corp without one is told so.
func TestMiniAppFor(t *testing.T) {
	c := newConsole(t, testkit.MigratedDB(t, "sqlite"))
	ctx := context.Background()
	_, err := c.g.MiniApps.AppFor(ctx, c.corpA, nil)
	assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err))
	appid := c.registerMini(t)
	brand := int64(99)
	a, err := c.g.MiniApps.AppFor(ctx, c.corpA, &brand)
	require.NoError(t, err)
	assert.Equal(t, appid, a.AppID, "a brand without its own takes the shared pool's")
}

// A consumer's member merged into a POS record after login: the session
// reaches the survivor, and a notice to the survivor spends the consent
// the consumer gave before the merge.
func TestMiniAfterMerge(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		appid := c.registerMini(t)
		tok, me := c.miniLogin(t, appid, c.sc.MintLoginCode("oA-merge", "union-m"), "10.0.4.1")
		w := send(c.h, "POST", "/api/mini/v1/consents", `{"template_ids":["tpl-join"],"scene":"join"}`, bearer(tok)...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		c.sc.Subscribe("oA-merge", "tpl-join")
		w = send(c.h, "POST", "/api/v1/corps/wwa/members", `{"member_no":"P1","name":"赵六"}`, c.login(t, "wwa", "olga")...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		pos := int64(decode[map[string]map[string]any](t, w)["member"]["id"].(float64))
		ctx := app.WithActor(context.Background(), "cli:test")
		_, err := c.g.Member.Merge(ctx, c.corpA, pos, me.ID)
		require.NoError(t, err)

		w = send(c.h, "GET", "/api/mini/v1/members/"+itoa(pos), "", bearer(tok)...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, pos, decode[miniMember](t, w).ID, "the survivor is the consumer's member now")
		w = send(c.h, "GET", "/api/mini/v1/me", "", bearer(tok)...)
		assert.Equal(t, pos, decode[miniMember](t, w).ID)
		sent, err := c.g.MiniApps.Notify(ctx, app.MiniNotice{CorpID: c.corpA, MemberID: pos, Kind: app.NoticeJoin,
			Data: map[string]string{"thing1": "参与成功"}, Key: "join:merged"})
		require.NoError(t, err)
		assert.True(t, sent, "the consent moved with the openid")
	})
}
