package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom"
)

// TestPanelInBrowser runs the real serve with the demo corp, on the
// embedded default and on MariaDB + Redis, and drives the side panel in
// headless Chromium: a guide signs in through the sandbox's OAuth, sees
// their own customer as Siyu and WeCom hold them, edits the tags (WeCom,
// that is the sandbox, changes), and is refused a customer they do not
// follow.
func TestPanelInBrowser(t *testing.T) {
	t.Parallel()
	t.Run("embedded", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		panelScenario(t, dir, append(demoEnv(dir), fastTick))
	})
	t.Run("mysql", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		env := configEnv(testkit.DatabaseConfig(t, config.DriverMySQL), testkit.RedisConfig(t, config.RedisStandalone))
		panelScenario(t, dir, append(env, fastTick, "SIYU_SANDBOX_DEMO=true", "SIYU_SECURITY_API_TOKEN_FILE="+filepath.Join(dir, "api.token"),
			"SIYU_SANDBOX_JOURNAL_PATH="+filepath.Join(dir, "sandbox.journal"), "SIYU_SANDBOX_URL_FILE="+filepath.Join(dir, "sandbox.url")))
	})
}

// demoFollow is a relation as the read API answers it.
type demoFollow struct {
	UserID  string     `json:"userid"`
	Remark  string     `json:"remark"`
	State   string     `json:"state"`
	AddTime *time.Time `json:"add_time"`
	TagIDs  []string   `json:"tag_ids"`
}

type demoCustomer struct {
	ExternalUserID string       `json:"external_userid"`
	Name           string       `json:"name"`
	Follows        []demoFollow `json:"follows"`
}

// panelWorld is what the scenario found in the running demo.
type panelWorld struct {
	p       *proc
	token   string
	sandbox string            // the sandbox's URL
	mine    demoCustomer      // a customer guide0101 follows, with remark and tags
	follow  demoFollow        // guide0101's relation with them
	other   demoCustomer      // a customer guide0101 does not follow
	bare    demoCustomer      // another customer of guide0101, no member
	tags    map[string]string // tag id → name
	// stores are two of the demo's stores the member bought in;
	// memberFrom and memberTo bound when the member was made.
	stores               []demoStore
	memberFrom, memberTo time.Time
}

func panelScenario(t *testing.T, dir string, env []string) {
	b := newBrowser(t) // first: a missing chromium skips or fails before Siyu starts
	w := startPanelWorld(t, dir, env)
	t.Run("NoSession", func(t *testing.T) { panelNoSession(t, w) })
	seen := func(name string, fn func(*testing.T, *panelWorld, *browser)) { // run, then keep what the page showed
		t.Run(name, func(t *testing.T) { fn(t, w, b); b.shot(t) })
	}
	seen("SandboxPageLink", panelFromSandboxPage)
	seen("OwnCustomer", panelOwnCustomer)
	seen("EditTags", panelEditTags)
	seen("Forbidden", panelForbidden)
	seen("EntryWithoutWeCom", panelEntryStandIn)
	seen("EntryInWeCom", panelEntryInWeCom)
	seen("MemberAndOrders", panelMemberAndOrders)
	seen("ShareToChat", panelShareToChat)
	require.Equal(t, 0, w.p.stop(t, syscall.SIGTERM))
}

func startPanelWorld(t *testing.T, dir string, env []string) *panelWorld {
	w := &panelWorld{p: startProc(t, env, "serve"), tags: map[string]string{}}
	raw, err := os.ReadFile(filepath.Join(dir, "api.token"))
	require.NoError(t, err)
	w.token = strings.TrimSpace(string(raw))
	raw, err = os.ReadFile(filepath.Join(dir, "sandbox.url"))
	require.NoError(t, err)
	w.sandbox = strings.TrimSpace(string(raw))
	waitFor(t, w.p, w.token, "/api/v1/corps/demo/sync-runs", syncsDone(1), "the demo's full sync")

	var groups []struct {
		Tags []struct {
			TagID string `json:"tag_id"`
			Name  string `json:"name"`
		} `json:"tags"`
	}
	require.Equal(t, http.StatusOK, readAPI(t, w.p, w.token, "/api/v1/corps/demo/tags?limit=100", &groups))
	for _, g := range groups {
		for _, tg := range g.Tags {
			w.tags[tg.TagID] = tg.Name
		}
	}
	w.pickCustomers(t)
	w.seedBuyer(t) // early: RFM's minute pass classifies the member while the first steps run
	return w
}

// pickCustomers finds a customer of guide0101 with a remark and tags, and
// one of guide0201 whom guide0101 does not follow.
func (w *panelWorld) pickCustomers(t *testing.T) {
	var mine, theirs []demoCustomer
	require.Equal(t, http.StatusOK, readAPI(t, w.p, w.token, "/api/v1/corps/demo/customers?userid=guide0101&limit=100", &mine))
	require.Equal(t, http.StatusOK, readAPI(t, w.p, w.token, "/api/v1/corps/demo/customers?userid=guide0201&limit=100", &theirs))
	for _, c := range mine {
		for _, f := range c.Follows {
			if f.UserID == "guide0101" && f.Remark != "" && len(f.TagIDs) > 0 && f.AddTime != nil && w.mine.Name == "" {
				w.mine, w.follow = c, f
			}
		}
	}
	for _, c := range mine {
		if c.ExternalUserID != w.mine.ExternalUserID {
			w.bare = c
		}
	}
	for _, c := range theirs {
		if !slices.ContainsFunc(c.Follows, func(f demoFollow) bool { return f.UserID == "guide0101" }) {
			w.other = c
		}
	}
	require.NotEmpty(t, w.mine.ExternalUserID, "the demo seeds guide0101 customers with remarks and tags")
	require.NotEmpty(t, w.other.ExternalUserID, "the demo seeds customers of other stores")
	require.NotEmpty(t, w.bare.ExternalUserID, "the demo seeds guide0101 several customers")
}

func (w *panelWorld) customerURL(ext string) string {
	return w.p.base + "/panel/customer?" + url.Values{"corp": {"demo"}, "external_userid": {ext}}.Encode()
}

// loginAs is the link the /sandbox page gives: sign in as userID through
// the sandbox's OAuth and land on next.
func (w *panelWorld) loginAs(userID, next string) string {
	return w.p.base + "/panel/login?" + url.Values{"corp": {"demo"}, "as": {userID}, "next": {next}}.Encode()
}

func panelNoSession(t *testing.T, w *panelWorld) {
	resp, err := http.Get(w.p.base + "/panel/api/jssdk?url=" + url.QueryEscape(w.p.base+"/panel/customer"))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, "JSON endpoints answer 401 without a session")

	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err = noFollow.Get(w.customerURL(w.mine.ExternalUserID))
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusFound, resp.StatusCode, "pages send the browser to the login")
	assert.True(t, strings.HasPrefix(resp.Header.Get("Location"), "/panel/login?"), resp.Header.Get("Location"))

	resp, err = noFollow.Get(w.p.base + "/panel/login?corp=demo")
	require.NoError(t, err)
	resp.Body.Close()
	to := resp.Header.Get("Location")
	assert.True(t, strings.HasPrefix(to, w.sandbox+"/connect/oauth2/authorize?"), "the login starts at the sandbox's OAuth: %s", to)
	assert.Contains(t, resp.Header.Get("Set-Cookie"), "HttpOnly")
	assert.Contains(t, resp.Header.Get("Set-Cookie"), "SameSite=Lax")

	resp, err = noFollow.Get(w.p.base + "/panel/oauth?code=x&state=y")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, "a callback without this browser's login cookie is refused")
}

// panelFromSandboxPage follows the first "open the side panel" link of
// the /sandbox page through the sandbox's OAuth to that customer's page.
func panelFromSandboxPage(t *testing.T, w *panelWorld, b *browser) {
	b.do(t, "open /sandbox", chromedp.Navigate(w.p.base+"/sandbox"), chromedp.WaitVisible(chromedp.CSS("a.panel-link")))
	want := get(t, b, "read the linked customer's name",
		chromedp.Evaluate[string](`document.querySelector('a.panel-link').closest('li').querySelector('strong').textContent`))
	b.do(t, "follow the link", chromedp.Click(chromedp.CSS("a.panel-link")), chromedp.WaitVisible(chromedp.ID("customer-name")))
	assert.Equal(t, want, b.text(t, "#customer-name"))
}

func panelOwnCustomer(t *testing.T, w *panelWorld, b *browser) {
	next := "/panel/customer?corp=demo&external_userid=" + url.QueryEscape(w.mine.ExternalUserID)
	b.do(t, "sign in as guide0101 and open their customer",
		chromedp.Navigate(w.loginAs("guide0101", next)), chromedp.WaitVisible(chromedp.ID("customer-name")))
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	require.NoError(t, err)
	assert.Equal(t, w.mine.Name, b.text(t, "#customer-name"))
	assert.Equal(t, w.follow.Remark, b.text(t, "#remark"))
	assert.Equal(t, w.follow.AddTime.In(shanghai).Format("2006-01-02 15:04"), b.text(t, "#add-time"), "add time in the corp's zone")
	channel := "（无渠道）"
	if w.follow.State != "" {
		channel = "未在 Siyu 登记的渠道 " + w.follow.State // a demo state no Siyu channel has, named as such
	}
	assert.Equal(t, channel, b.text(t, "#state"))
	tags := b.text(t, "#tag-list")
	for _, id := range w.follow.TagIDs {
		assert.Contains(t, tags, w.tags[id])
	}
	assert.Equal(t, "暂无归属信息", b.text(t, "#owner p"), "no owner reader is wired yet")
	viewer := b.text(t, "#viewer")
	assert.Contains(t, viewer, "徐汇店导购1", "the signed-in guide by their name")
	assert.NotContains(t, viewer, "guide0101", "never by their userid")
	assert.Equal(t, int64(http.StatusOK), b.status(t, w.customerURL(w.mine.ExternalUserID)), "the session holds")
}

// panelEditTags adds a tag and removes one through the page; the sandbox
// (WeCom) holds the change and Siyu's mirror shows it.
func panelEditTags(t *testing.T, w *panelWorld, b *browser) {
	remove := w.follow.TagIDs[0]
	var add string
	for id := range w.tags {
		if !slices.Contains(w.follow.TagIDs, id) && (add == "" || id < add) {
			add = id
		}
	}
	require.NotEmpty(t, add)
	b.do(t, "edit the tags",
		chromedp.Navigate(w.customerURL(w.mine.ExternalUserID)),
		chromedp.Click(chromedp.CSS(`input[name="tag"][value="`+add+`"]`)),
		chromedp.Click(chromedp.CSS(`input[name="tag"][value="`+remove+`"]`)),
		chromedp.Click(chromedp.ID("save-tags")),
		chromedp.WaitVisible(chromedp.ID("flash")))
	flashText, tags := b.text(t, "#flash"), b.text(t, "#tag-list")
	assert.Contains(t, flashText, "已添加 "+w.tags[add])
	assert.Contains(t, flashText, "已移除 "+w.tags[remove])
	assert.Contains(t, tags, w.tags[add])
	assert.NotContains(t, tags, w.tags[remove])

	var inSandbox []struct{ TagIDs []string }
	getJSON(t, w.sandbox+"/sandbox/corps/demo/follows?userid=guide0101&external_userid="+w.mine.ExternalUserID, &inSandbox)
	require.Len(t, inSandbox, 1)
	assert.Contains(t, inSandbox[0].TagIDs, add, "WeCom (the sandbox) was asked to mark the tag")
	assert.NotContains(t, inSandbox[0].TagIDs, remove)
	var inSiyu []demoFollow
	require.Equal(t, http.StatusOK, readAPI(t, w.p, w.token, "/api/v1/corps/demo/follows?active=1&userid=guide0101&external_userid="+w.mine.ExternalUserID, &inSiyu))
	require.Len(t, inSiyu, 1)
	assert.ElementsMatch(t, inSandbox[0].TagIDs, inSiyu[0].TagIDs, "Siyu wrote what WeCom holds")
}

func panelForbidden(t *testing.T, w *panelWorld, b *browser) {
	assert.Equal(t, int64(http.StatusForbidden), b.status(t, w.customerURL(w.other.ExternalUserID)))
	assert.Equal(t, "无权查看", b.text(t, "#message h2"))
	assert.Contains(t, b.text(t, "#message p"), "导购只能查看自己跟进的客户")
	assert.NotContains(t, b.text(t, "body"), w.other.Name, "nothing of the customer is shown")
}

// panelEntryStandIn opens the panel without a customer in a browser with
// no WeCom client: the page offers the guide's customers instead.
func panelEntryStandIn(t *testing.T, w *panelWorld, b *browser) {
	b.do(t, "open the entry page", chromedp.Navigate(w.p.base+"/panel/customer?corp=demo"), chromedp.WaitVisible(chromedp.ID("shim")))
	want := b.text(t, "#my-customers li a")
	b.do(t, "choose the first customer", chromedp.Click(chromedp.CSS("#my-customers li a")), chromedp.WaitVisible(chromedp.ID("customer-name")))
	assert.Equal(t, want, b.text(t, "#customer-name"))
}

// panelEntryInWeCom gives the entry page a stand-in for WeCom client's ww
// object: the page registers with the signatures Siyu gives and opens the
// chat's customer. The signatures are checked against the tickets the
// sandbox hands out as WeCom.
func panelEntryInWeCom(t *testing.T, w *panelWorld, b *browser) {
	b.addScriptOnNewDocument(t, `window.ww = {
	  register: function (o) { sessionStorage.setItem('reg', JSON.stringify({corpId: o.corpId, agentId: o.agentId,
	    config: o.getConfigSignature(location.href), agent: o.getAgentConfigSignature(location.href)})); },
	  getCurExternalContact: function () { return Promise.resolve({userId: `+jsString(w.mine.ExternalUserID)+`}); }
	};`)
	entry := w.p.base + "/panel/customer?corp=demo"
	b.do(t, "open the entry page inside the stand-in client", chromedp.Navigate(entry), chromedp.WaitVisible(chromedp.ID("customer-name")))
	assert.Equal(t, w.mine.Name, b.text(t, "#customer-name"))
	reg := get(t, b, "read the registration", chromedp.Evaluate[string](`sessionStorage.getItem('reg')`))
	refused := get(t, b, "ask to sign a page elsewhere", chromedp.Evaluate[int](
		`fetch('/panel/api/jssdk?url=' + encodeURIComponent('https://elsewhere.example/panel/customer')).then(r => r.status)`,
		chromedp.EvalAwaitPromise))
	assert.Equal(t, http.StatusBadRequest, refused, "no signature for pages elsewhere")
	var got struct {
		CorpID  string            `json:"corpId"`
		AgentID string            `json:"agentId"`
		Config  wecom.JSSignature `json:"config"`
		Agent   wecom.JSSignature `json:"agent"`
	}
	require.NoError(t, json.Unmarshal([]byte(reg), &got), reg)
	assert.Equal(t, "demo", got.CorpID)
	assert.Equal(t, "1000002", got.AgentID)
	corpTicket, agentTicket := sandboxTickets(t, w.sandbox)
	assert.Equal(t, wecom.SignJSAPI(corpTicket, got.Config.NonceStr, got.Config.Timestamp, entry), got.Config.Signature)
	assert.Equal(t, wecom.SignJSAPI(agentTicket, got.Agent.NonceStr, got.Agent.Timestamp, entry), got.Agent.Signature)
}
