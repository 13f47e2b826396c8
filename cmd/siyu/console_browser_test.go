package main

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// TestConsoleInBrowser runs the real serve with the demo corp and drives
// the operator console (运营后台) in headless Chromium, as its users would:
// the newcomer signs in with the one-time password start-up printed and
// sets their own; the admin adds an operator, a store manager and an
// analyst; the operator imports stores from Excel with one bad row,
// creates a channel code, downloads its QR, and finds the customer a
// sandbox add through it brought, with owner, tags and history; the store
// manager sees only their store's customers; the analyst reads every list
// and changes nothing; members are imported with a per-row report, a
// conflict is merged from the review queue and split again, and an
// admin's view of a phone is audited; a form without its CSRF token and a form posted
// after the session ended are refused. Each main page is saved as a
// screenshot.
func TestConsoleInBrowser(t *testing.T) {
	t.Parallel()
	t.Run("embedded", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		consoleScenario(t, demoEnv(dir), filepath.Join(dir, "sandbox.url"))
	})
	t.Run("mysql", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		env := configEnv(testkit.DatabaseConfig(t, config.DriverMySQL), testkit.RedisConfig(t, config.RedisStandalone))
		consoleScenario(t, append(env, "SIYU_SANDBOX_DEMO=true", "SIYU_SECURITY_API_TOKEN_FILE="+filepath.Join(dir, "api.token"),
			"SIYU_SANDBOX_JOURNAL_PATH="+filepath.Join(dir, "sandbox.journal"), "SIYU_SANDBOX_URL_FILE="+filepath.Join(dir, "sandbox.url")),
			filepath.Join(dir, "sandbox.url"))
	})
}

// consoleWorld is the running demo and what the scenario learnt of it.
type consoleWorld struct {
	p        *proc
	b        *browser
	env      []string // the last entry names the sandbox URL file, for act
	token    string
	dir      string
	password map[string]string // console user → their own password
	state    string            // the channel code the operator created
	customer string            // the customer added through it
}

// consoleStep is one step of a console scenario, run as a subtest.
type consoleStep struct {
	name string
	fn   func(*testing.T, *consoleWorld)
}

func consoleScenario(t *testing.T, env []string, urlFile string) {
	runConsole(t, env, urlFile, []consoleStep{
		{"NewcomerSignsIn", consoleNewcomer}, {"AdminAddsUsers", consoleAddUsers}, {"OperatorImportsStores", consoleImport},
		{"OperatorCreatesChannel", consoleChannel}, {"CustomerFromSandboxAdd", consoleCustomer},
		{"OperatorPausesChannel", consolePause},
		{"StoreManagerSeesOwnStore", consoleStoreManager}, {"AnalystReadsOnly", consoleAnalyst},
		{"OperatorEditsTags", consoleTags}, {"AdminReadsAudit", consoleAudit},
		{"OperatorTransfersGuide", consoleTransfers},
		{"AdminChecksSystem", consoleSystem},
		{"OperatorWorksTasks", consoleTasks}, {"StoreManagerSeesOwnTasks", consoleTasksStoreManager}, {"OperatorAssignsPooled", consolePool},
		{"OperatorImportsMembers", consoleMembersImport}, {"OperatorMergesAndSplitsMembers", consoleMembersReview},
		{"AdminRevealsPhone", consoleMembersPhone}, {"ReadersOfMembers", consoleMembersReaders},
		{"OperatorImportsOrders", consoleOrders},
		{"OperatorBuildsSegment", consoleSegment}, {"AnalystReadsOrdersAndSegments", consoleOrdersSegmentsAnalyst},
		{"FormWithoutCSRF", consoleCSRF}, {"ExpiredSessionOnPost", consoleExpired},
	})
}

// runConsole starts serve with env (the demo corp), waits for the demo's
// full sync and runs steps in order in one browser, stopping at the
// first that fails.
func runConsole(t *testing.T, env []string, urlFile string, steps []consoleStep) {
	b := newBrowserSized(t, 1280, 900)
	dir := filepath.Dir(urlFile)
	w := &consoleWorld{p: startProc(t, env, "serve"), b: b, env: append(env, "SIYU_SANDBOX_URL_FILE="+urlFile), dir: dir,
		password: map[string]string{}}
	raw, err := os.ReadFile(filepath.Join(dir, "api.token"))
	require.NoError(t, err)
	w.token = strings.TrimSpace(string(raw))
	waitFor(t, w.p, w.token, "/api/v1/corps/demo/sync-runs", syncsDone(1), "the demo's full sync")
	for _, s := range steps {
		if !t.Run(s.name, func(t *testing.T) { s.fn(t, w) }) {
			break
		}
	}
	require.Equal(t, 0, w.p.stop(t, syscall.SIGTERM))
}

// oneTimePassword is what start-up printed for the first admin.
func (w *consoleWorld) oneTimePassword(t *testing.T) string {
	re := regexp.MustCompile(`一次性密码：(\S+)`)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := re.FindStringSubmatch(w.p.stdout.String()); m != nil {
			return m[1]
		}
	}
	t.Fatalf("start-up printed no one-time password:\n%s", w.p.stdout)
	return ""
}

// signIn signs user in on a fresh browser session and, when the console
// asks (a password someone else chose), sets their own password first.
func (w *consoleWorld) signIn(t *testing.T, user, pw string) {
	t.Helper()
	w.clearCookies(t)
	w.b.do(t, "sign in as "+user, chromedp.Navigate(w.p.base+"/console/login"), chromedp.WaitVisible(chromedp.CSS("#login-form")),
		chromedp.SendKeys(chromedp.CSS("#username"), user), chromedp.SendKeys(chromedp.CSS("#password"), pw), chromedp.Click(chromedp.CSS("#login-submit")),
		chromedp.WaitVisible(chromedp.CSS("#menu")))
	if !strings.HasSuffix(w.url(t), "/console/password") {
		return
	}
	own := user + "-own-password"
	w.b.do(t, user+" sets their own password", chromedp.SendKeys(chromedp.CSS("#current"), pw), chromedp.SendKeys(chromedp.CSS("#password"), own),
		chromedp.SendKeys(chromedp.CSS("#again"), own), chromedp.Click(chromedp.CSS("#password-submit")), chromedp.WaitVisible(chromedp.CSS("#notice")))
	w.password[user] = own
	w.b.do(t, user+" signs in with it", chromedp.SendKeys(chromedp.CSS("#username"), user), chromedp.SendKeys(chromedp.CSS("#password"), own),
		chromedp.Click(chromedp.CSS("#login-submit")), chromedp.WaitVisible(chromedp.CSS("#menu")))
}

// clearCookies ends the browser's session, as a new browser would start.
func (w *consoleWorld) clearCookies(t *testing.T) {
	_, err := chromedp.Call(w.b.ctx, network.ClearBrowserCookies, cdp.Empty{})
	require.NoError(t, err)
}

func (w *consoleWorld) url(t *testing.T) string {
	return get(t, w.b, "read the URL", chromedp.Location())
}

// open navigates to a console page and waits for sel.
func (w *consoleWorld) open(t *testing.T, path, sel string) {
	t.Helper()
	w.b.do(t, "open "+path, chromedp.Navigate(w.p.base+path), chromedp.WaitVisible(chromedp.CSS(sel)))
}

// consoleNewcomer follows start-up's instructions: the console URL sends
// them to the sign-in page, the one-time password works once and asks for
// their own, which then signs them in to the 概览.
func consoleNewcomer(t *testing.T, w *consoleWorld) {
	pw := w.oneTimePassword(t) // waits for start-up to say it
	assert.Contains(t, w.p.stdout.String(), w.p.base+"/console/", "start-up prints the console's URL")
	w.b.do(t, "open the console", chromedp.Navigate(w.p.base+"/console/customers"), chromedp.WaitVisible(chromedp.CSS("#login-form")))
	assert.Contains(t, w.url(t), "next=%2Fconsole%2Fcustomers", "the sign-in page comes back to the page asked for")
	w.signIn(t, "admin", pw)
	require.NotEmpty(t, w.password["admin"], "a one-time password must be replaced at the first sign-in")
	w.open(t, "/console/", "#today")
	assert.Equal(t, "概览", w.b.text(t, "#title"))
	assert.Contains(t, w.b.text(t, "#last-sync"), "完成", "the demo's full sync shows on the 概览")
	w.b.shot(t)

	w.clearCookies(t)
	w.b.do(t, "the one-time password is spent", chromedp.Navigate(w.p.base+"/console/login"), chromedp.WaitVisible(chromedp.CSS("#login-form")),
		chromedp.SendKeys(chromedp.CSS("#username"), "admin"), chromedp.SendKeys(chromedp.CSS("#password"), pw), chromedp.Click(chromedp.CSS("#login-submit")),
		chromedp.WaitVisible(chromedp.CSS("#login-error")))
	assert.Equal(t, "用户名或密码错误", w.b.text(t, "#login-error"))
}

// consoleAddUsers: the admin adds one user of each other role; each gets
// a one-time password shown once.
func consoleAddUsers(t *testing.T, w *consoleWorld) {
	w.signIn(t, "admin", w.password["admin"])
	for _, u := range [][2]string{{"operator1", "operator"}, {"manager01", "store_manager"}, {"analyst1", "analyst"}} {
		w.open(t, "/console/users", "#user-form")
		w.b.do(t, "add "+u[0], chromedp.SendKeys(chromedp.CSS("#new-username"), u[0]), chromedp.SetValue(chromedp.CSS("#new-role"), u[1]),
			chromedp.Click(chromedp.CSS("#add-user")), chromedp.WaitVisible(chromedp.CSS("#secret")))
		w.password[u[0]+"-once"] = w.b.text(t, "#secret")
	}
	w.b.shot(t)
}

// pick chooses the option of select sel whose text contains text, as a
// person would (firing change, which htmx listens to).
func (w *consoleWorld) pick(t *testing.T, sel, text string) {
	t.Helper()
	ok := get(t, w.b, "choose "+text+" in "+sel, chromedp.Evaluate[bool](`(() => {
		const s = document.querySelector(`+jsString(sel)+`);
		const o = [...s.options].find(o => o.textContent.includes(`+jsString(text)+`));
		if (!o) return false;
		s.value = o.value; s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`))
	require.True(t, ok, "no option %q in %s", text, sel)
}

// cell reads the text of the first element sel finds in the row of table
// that has attribute attr = value.
func (w *consoleWorld) cell(t *testing.T, table, attr, value string, col int) string {
	return get(t, w.b, "read a cell of "+table, chromedp.Evaluate[string](`(() => {
		const r = document.querySelector(`+jsString(table+" tr["+attr+"='"+value+"']")+`);
		return r ? r.cells[`+strconv.Itoa(col)+`].textContent.trim() : ""; })()`))
}

// guideName is the display name the console shows for userID.
func (w *consoleWorld) guideName(t *testing.T, userID string) (name, store string) {
	w.open(t, "/console/guides?status=active", "#guides")
	for {
		name, store = w.cell(t, "#guides", "data-userid", userID, 0), w.cell(t, "#guides", "data-userid", userID, 2)
		if name != "" {
			return name, store
		}
		more := get(t, w.b, "is there a next page", chromedp.Evaluate[bool](`!!document.querySelector('#next')`))
		require.True(t, more, "guide %s is not listed", userID)
		w.b.do(t, "next page", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS("#guides")))
	}
}

// storesFile is an Excel file with two good stores and one bad row.
func storesFile(t *testing.T, dir string) string {
	f := excelize.NewFile()
	rows := [][]any{{"门店编码", "门店名称", "城市"}, {"T01", "测试一店", "上海"}, {"T02", "测试二店", "杭州"}, {"坏 码", "坏行", "上海"}}
	for i, r := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow("Sheet1", cell, &r))
	}
	path := filepath.Join(dir, "门店.xlsx")
	require.NoError(t, f.SaveAs(path))
	return path
}

// consoleImport: the operator imports stores from Excel; the bad row's
// reason is on the page and in the report download, the good rows are
// kept and listed.
func consoleImport(t *testing.T, w *consoleWorld) {
	w.signIn(t, "operator1", w.password["operator1-once"])
	w.open(t, "/console/org/import", "#import-form")
	w.b.do(t, "upload the file", chromedp.SetValue(chromedp.CSS("#kind"), "stores"), chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{storesFile(t, w.dir)}),
		chromedp.Click(chromedp.CSS("#import-submit")), chromedp.WaitVisible(chromedp.CSS("#import-report")))
	assert.Equal(t, "共 3 行：新增 2，更新 0，未变 0，拒绝 1", w.b.text(t, "#import-summary"))
	errRow := w.b.text(t, "#import-errors tbody tr")
	assert.Contains(t, errRow, "4", "the bad row is named by its spreadsheet row")
	assert.Contains(t, errRow, "门店编码")
	w.b.shot(t)
	href := get(t, w.b, "read the report link", chromedp.Evaluate[string](`document.querySelector('#report-download').href`))
	data, ok := strings.CutPrefix(href, "data:text/csv;charset=utf-8;base64,")
	require.True(t, ok, href)
	csv, err := base64.StdEncoding.DecodeString(data)
	require.NoError(t, err)
	assert.Contains(t, string(csv), "行号,列,原因\n4,门店编码,")
	w.open(t, "/console/stores", "#stores")
	for _, code := range []string{"T01", "T02"} {
		assert.NotEmpty(t, w.cell(t, "#stores", "data-code", code, 1), "store %s was kept", code)
	}
}

// consoleChannel: the operator creates a store channel code for two of
// 徐汇店's guides with a welcome and a tag, and downloads its QR.
func consoleChannel(t *testing.T, w *consoleWorld) {
	w.open(t, "/console/channels/new", "#channel-form")
	w.pick(t, "#store_id", "徐汇店")
	// The store's guides replace the choices the form opened with; a tick
	// made before they arrive would be undone by their arrival.
	get(t, w.b, "mark the choices the form opened with", chromedp.Evaluate[bool](
		`(document.querySelectorAll('#guide-choices input[name=member]').forEach(e => e.dataset.stale = '1'), true)`))
	w.pick(t, "#guide_store", "徐汇店")
	w.b.do(t, "fill the form", chromedp.WaitVisible(chromedp.CSS(`input[name=member][value=guide0101]:not([data-stale])`)),
		chromedp.SendKeys(chromedp.CSS("#name"), "控制台测试活码"), chromedp.Click(chromedp.CSS(`input[name=member][value=guide0101]`)),
		chromedp.Click(chromedp.CSS(`input[name=member][value=guide0102]`)), chromedp.SendKeys(chromedp.CSS("#welcome_text"), "{客户|您}好，欢迎光临{门店}"),
		chromedp.Click(chromedp.CSS(`input[name=tag_id]`)))
	w.password["tag"] = get(t, w.b, "read the tag chosen", chromedp.Evaluate[string](`document.querySelector('input[name=tag_id]').parentElement.textContent.trim()`))
	w.b.shot(t)
	w.b.do(t, "save", chromedp.Click(chromedp.CSS("#channel-submit")), chromedp.WaitVisible(chromedp.CSS("#channel-name")))
	assert.Equal(t, "控制台测试活码", w.b.text(t, "#channel-name"))
	w.state = w.b.text(t, "#state")
	require.NotEmpty(t, w.state)
	w.b.do(t, "the QR shows", chromedp.WaitVisible(chromedp.CSS("#qr")))
	w.b.shot(t)
	b64 := get(t, w.b, "download the QR", chromedp.Evaluate[string](`fetch(document.querySelector('#qr-download').href).then(r => {
		if (!r.ok || !r.headers.get('Content-Disposition').startsWith('attachment')) throw new Error('download refused ' + r.status);
		return r.arrayBuffer(); }).then(b => btoa(String.fromCharCode(...new Uint8Array(b))))`, chromedp.EvalAwaitPromise))
	raw, err := base64.StdEncoding.DecodeString(b64)
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(raw))
	require.NoError(t, err, "the download is a PNG")
	assert.Greater(t, img.Bounds().Dx(), 50)
}

// consoleCustomer: a sandbox add through the channel; the operator finds
// the customer by name and sees owner, tags and assignment history.
func consoleCustomer(t *testing.T, w *consoleWorld) {
	w.customer = act(t, w.env, "customer-adds", "--userid", "guide0101", "--name", "控制台客户", "--state", w.state)
	waitAssigned(t, w.p, w.token, w.customer)
	guide, _ := w.guideName(t, "guide0101")
	w.open(t, "/console/customers?"+url.Values{"q": {"控制台"}}.Encode(), "#customers")
	w.b.shot(t)
	link := `#customers tr[data-external-userid='` + w.customer + `'] a.customer-link`
	w.b.do(t, "open the customer", chromedp.Click(chromedp.CSS(link)), chromedp.WaitVisible(chromedp.CSS("#customer-name")))
	assert.Equal(t, "控制台客户", w.b.text(t, "#customer-name"))
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(w.b.text(t, "#relations"), w.password["tag"]); {
		require.True(t, time.Now().Before(deadline), "the channel's tag reaches the customer: %s", w.b.text(t, "#relations"))
		w.b.do(t, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#customer-name")))
	}
	assert.Equal(t, guide, w.b.text(t, "#owners .owner-guide"), "the owner by name")
	assert.Equal(t, "徐汇店", w.b.text(t, "#owners .owner-store"))
	hist := w.b.text(t, "#history tbody tr")
	assert.Contains(t, hist, guide, "the history names the guide")
	assert.Contains(t, w.b.text(t, "#relations"), "控制台测试活码", "the relation names the channel")
	w.b.shot(t)
}

// otherStoreCustomer is a customer only 静安店's guides follow.
func (w *consoleWorld) otherStoreCustomer(t *testing.T) string {
	var theirs, ours []demoCustomer
	readAPI(t, w.p, w.token, "/api/v1/corps/demo/customers?userid=guide0201&limit=100", &theirs)
	for _, g := range []string{"guide0101", "guide0102", "guide0103", "manager01"} {
		var cs []demoCustomer
		readAPI(t, w.p, w.token, "/api/v1/corps/demo/customers?userid="+g+"&limit=200", &cs)
		ours = append(ours, cs...)
	}
	for _, c := range theirs {
		if !slices.ContainsFunc(ours, func(o demoCustomer) bool { return o.ExternalUserID == c.ExternalUserID }) {
			return c.ExternalUserID
		}
	}
	t.Fatal("the demo seeds customers followed by one store only")
	return ""
}

// consoleStoreManager: manager01 (店长 of 徐汇店) sees their store's
// customers and is refused another store's customer page.
func consoleStoreManager(t *testing.T, w *consoleWorld) {
	other := w.otherStoreCustomer(t)
	w.signIn(t, "manager01", w.password["manager01-once"])
	w.open(t, "/console/customers", "#customers")
	w.b.shot(t)
	assert.False(t, get(t, w.b, "a store filter", chromedp.Evaluate[bool](`!!document.querySelector('#filter-store')`)),
		"a store manager has no store to choose")
	w.open(t, "/console/customers?q="+w.customer, "#customers")
	assert.Equal(t, "控制台客户", w.b.text(t, "#customers a.customer-link"), "their store's customer is listed")
	w.open(t, "/console/customers?q="+other, "#customers")
	assert.Contains(t, w.b.text(t, "#empty"), "没有符合条件的客户", "another store's customer is not")
	assert.Equal(t, int64(403), w.b.status(t, w.p.base+"/console/customers/c/"+other))
	assert.Contains(t, w.b.text(t, "#error"), "不属于你的门店")
	w.open(t, "/console/stores", "#stores")
	assert.Equal(t, 1, get(t, w.b, "count stores", chromedp.Evaluate[int](`document.querySelectorAll('#stores tbody tr').length`)),
		"a store manager's store list is their store")
}

// consoleAnalyst: the analyst opens every list and changes nothing.
func consoleAnalyst(t *testing.T, w *consoleWorld) {
	w.signIn(t, "analyst1", w.password["analyst1-once"])
	menu := w.b.text(t, "#menu")
	assert.NotContains(t, menu, "成员与令牌")
	for _, page := range []string{"/console/", "/console/stores", "/console/guides", "/console/brands", "/console/channels",
		"/console/customers", "/console/customers/c/" + w.customer} {
		assert.Equal(t, int64(200), w.b.status(t, w.p.base+page), page)
		n := get(t, w.b, "count write controls", chromedp.Evaluate[int](`document.querySelectorAll('form[method=post]:not([action="/console/logout"]), #new-store, #new-channel, #new-guide, #to-import').length`))
		assert.Zero(t, n, "%s offers the analyst no change", page)
	}
	w.b.shot(t)
	for _, page := range []string{"/console/stores/new", "/console/channels/new", "/console/org/import", "/console/users"} {
		assert.Equal(t, int64(403), w.b.status(t, w.p.base+page), page)
	}
	status := get(t, w.b, "post a store as the analyst", chromedp.Evaluate[int](`(() => {
		const f = new FormData(); f.append('_csrf', document.querySelector('meta[name=csrf-token]').content);
		f.append('code', 'A01'); f.append('name', '分析师的店');
		return fetch('/console/stores/new', {method: 'POST', body: new URLSearchParams(f)}).then(r => r.status); })()`, chromedp.EvalAwaitPromise))
	assert.Equal(t, 403, status, "the server refuses, not just the menu")
}

// consoleCSRF: a form posted without its token is refused and changes
// nothing.
func consoleCSRF(t *testing.T, w *consoleWorld) {
	w.signIn(t, "operator1", w.password["operator1"])
	w.open(t, "/console/stores/new", "#store-form")
	w.b.do(t, "post without the token", chromedp.Evaluate[chromedp.Void](`document.querySelector('#store-form input[name=_csrf]').remove()`),
		chromedp.SendKeys(chromedp.CSS("#code"), "X01"), chromedp.SendKeys(chromedp.CSS("#name"), "无令牌的店"), chromedp.Click(chromedp.CSS("#store-submit")),
		chromedp.WaitVisible(chromedp.CSS("#error")))
	assert.Contains(t, w.b.text(t, "#error"), "CSRF")
	w.b.shot(t)
	w.open(t, "/console/stores", "#stores")
	assert.Empty(t, w.cell(t, "#stores", "data-code", "X01", 1), "nothing was created")
}

// consoleExpired: the session ends while a form is open (a password
// reset ends every session of the user); posting it lands on the sign-in
// page, and nothing is created.
func consoleExpired(t *testing.T, w *consoleWorld) {
	w.signIn(t, "operator1", w.password["operator1"])
	w.open(t, "/console/stores/new", "#store-form")
	code, _, errOut := siyuExec(t, append(w.env, "SIYU_ADMIN_PASSWORD=reset-by-the-admin"), "admin", "passwd", "--corp", "demo", "--user", "operator1")
	require.Equal(t, 0, code, errOut)
	w.b.do(t, "post after the session ended", chromedp.SendKeys(chromedp.CSS("#code"), "E01"), chromedp.SendKeys(chromedp.CSS("#name"), "过期会话的店"),
		chromedp.Click(chromedp.CSS("#store-submit")), chromedp.WaitVisible(chromedp.CSS("#login-form")))
	assert.Contains(t, w.b.text(t, "#notice"), "登录已过期")
	assert.Contains(t, w.url(t), "next=%2Fconsole%2Fstores%2Fnew", "signing in again comes back to the form")
	w.b.shot(t)
	w.signIn(t, "admin", w.password["admin"])
	w.open(t, "/console/stores", "#stores")
	assert.Empty(t, w.cell(t, "#stores", "data-code", "E01", 1), "nothing was created")
}
