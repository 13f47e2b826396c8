package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// apiTask is a task as the JSON API answers it.
type apiTask struct {
	ID     int64  `json:"id"`
	UserID string `json:"userid"`
	Title  string `json:"title"`
	Status string `json:"status"`
}

// otherStoreTask is the task 静安店's guide0201 was given by consoleTasks.
func (w *consoleWorld) otherStoreTask(t *testing.T) apiTask {
	var ts []apiTask
	require.Equal(t, http.StatusOK, readAPI(t, w.p, w.token, "/api/v1/corps/demo/tasks?userid=guide0201&limit=200", &ts))
	for _, tk := range ts {
		if tk.Title == "静安店回访" {
			return tk
		}
	}
	t.Fatal("consoleTasks gave guide0201 a task")
	return apiTask{}
}

// postJSON sends body to the API with the deployment's token and decodes
// what it answers into out.
func (w *consoleWorld) postJSON(t *testing.T, path string, body, out any) {
	t.Helper()
	status, answer := callAPI(t, w.p, w.token, http.MethodPost, path, body)
	require.Less(t, status, 300, string(answer))
	require.NoError(t, json.Unmarshal(answer, out), string(answer))
}

func (w *consoleWorld) addTask(t *testing.T, userID, ext, title string, due time.Duration) int64 {
	var tk apiTask
	w.postJSON(t, "/api/v1/corps/demo/tasks", map[string]any{"userid": userID, "external_userid": ext, "title": title,
		"due_at": time.Now().Add(due).UTC().Format(time.RFC3339)}, &tk)
	return tk.ID
}

// taskRow is the selector of a task's row in the list.
func taskRow(id int64) string { return "#tasks tr[data-task-id='" + strconv.FormatInt(id, 10) + "']" }

// consoleTasks: the operator lists 徐汇店's tasks, overdue first, gives
// one to another guide with a new due time (a change of nothing is
// refused next to its field), completes the overdue one as verified and
// cancels another, each asked first.
func consoleTasks(t *testing.T, w *consoleWorld) {
	late, week := w.addTask(t, "guide0101", w.customer, "逾期回访", -2*time.Hour), w.addTask(t, "guide0101", w.customer, "本周回访", 48*time.Hour)
	birthday, other := w.addTask(t, "guide0101", w.customer, "生日问候", 24*time.Hour), w.addTask(t, "guide0201", w.otherStoreCustomer(t), "静安店回访", time.Hour)
	first, _ := w.guideName(t, "guide0101")
	second, _ := w.guideName(t, "guide0102")
	w.signIn(t, "operator1", w.password["operator1"])
	w.open(t, "/console/tasks", "#tasks")
	w.pick(t, "#filter-store", "徐汇店")
	w.b.do(t, "filter by store", chromedp.Click(chromedp.CSS("#task-search")), chromedp.WaitVisible(chromedp.CSS("#filter-guide")))
	assert.Equal(t, strconv.FormatInt(late, 10), w.attrOf(t, "#tasks tbody tr", "data-task-id"), "the overdue task comes first")
	assert.Contains(t, w.b.text(t, taskRow(late)+" .task-due"), "已逾期")
	assert.Equal(t, first, w.b.text(t, taskRow(late)+" .task-guide"), "the guide by name")
	assert.Equal(t, "徐汇店", w.b.text(t, taskRow(late)+" .task-store"))
	assert.Equal(t, "控制台客户", w.b.text(t, taskRow(late)+" a.customer-link"))
	assert.Zero(t, w.countOf(t, taskRow(other)), "another store's task is not in 徐汇店's list")
	w.b.shot(t)

	w.b.do(t, "open the reassign form", chromedp.Click(chromedp.CSS(taskRow(week)+" a.task-reassign")), chromedp.WaitVisible(chromedp.CSS("#reassign-form")))
	w.b.do(t, "reassign to nobody new", chromedp.Click(chromedp.CSS("#reassign-submit")), chromedp.WaitVisible(chromedp.CSS("#reassign-form .err")))
	assert.Contains(t, w.b.text(t, "#reassign-form .err"), "请选择另一位导购", "the refusal is next to its field")
	w.pick(t, "#userid", second)
	due := time.Now().Add(72*time.Hour).Format("2006-01-02") + "T10:30"
	w.b.do(t, "reassign", chromedp.SetValue(chromedp.CSS("#due"), due), chromedp.Click(chromedp.CSS("#reassign-submit")), chromedp.WaitVisible(chromedp.CSS("#flash")))
	assert.Contains(t, w.b.text(t, "#flash"), "交给 "+second)
	assert.Equal(t, second, w.b.text(t, taskRow(week)+" .task-guide"), "back on the list, the task is the other guide's")
	assert.Contains(t, w.b.text(t, taskRow(week)+" .task-due"), "10:30")

	asks := get(t, w.b, "read the question", chromedp.Evaluate[string](`document.querySelector(`+jsString(taskRow(late)+" .task-complete")+`).form.dataset.confirm`))
	assert.Contains(t, asks, "已核实", "closing asks first")
	w.confirmAll(t)
	w.b.do(t, "complete the overdue task", chromedp.Click(chromedp.CSS(taskRow(late)+" .task-complete")),
		chromedp.WaitNotPresent(chromedp.CSS(taskRow(late))), chromedp.WaitVisible(chromedp.CSS("#flash")))
	assert.Contains(t, w.b.text(t, "#flash"), "已核实")
	assert.Zero(t, w.countOf(t, taskRow(late)), "a done task leaves the open list")
	w.confirmAll(t)
	w.b.do(t, "cancel one", chromedp.Click(chromedp.CSS(taskRow(birthday)+" .task-cancel")),
		chromedp.WaitNotPresent(chromedp.CSS(taskRow(birthday))), chromedp.WaitVisible(chromedp.CSS("#flash")))
	assert.Contains(t, w.b.text(t, "#flash"), "已取消")
	w.open(t, "/console/tasks?status=all&userid=guide0101", "#tasks")
	assert.Contains(t, w.b.text(t, taskRow(late)+" .task-how"), "已核实", "how it was done shows")
	assert.Contains(t, w.b.text(t, taskRow(birthday)+" .task-status"), "已取消")
	w.b.shot(t)
}

// consoleTasksStoreManager: manager01 sees 徐汇店's tasks only and cannot
// reach another store's, by page or by post.
func consoleTasksStoreManager(t *testing.T, w *consoleWorld) {
	w.signIn(t, "manager01", w.password["manager01"])
	w.open(t, "/console/tasks?status=all", "#tasks")
	assert.Zero(t, w.countOf(t, "#filter-store"), "a store manager has no store to choose")
	stores := get(t, w.b, "read the stores", chromedp.Evaluate[[]string](`[...document.querySelectorAll('#tasks .task-store')].map(td => td.textContent.trim())`))
	require.NotEmpty(t, stores)
	for _, st := range stores {
		assert.Equal(t, "徐汇店", st)
	}
	other := w.otherStoreTask(t).ID
	assert.Zero(t, w.countOf(t, taskRow(other)))
	id := strconv.FormatInt(other, 10)
	assert.Equal(t, int64(404), w.b.status(t, w.p.base+"/console/tasks/"+id), "another store's task is not found")
	w.open(t, "/console/tasks", "#tasks")
	get(t, w.b, "post a close of it", chromedp.Evaluate[int](`(() => {
		const f = new URLSearchParams({_csrf: document.querySelector('meta[name=csrf-token]').content});
		return fetch('/console/tasks/`+id+`/complete', {method: 'POST', body: f}).then(r => r.status); })()`, chromedp.EvalAwaitPromise))
	var tk apiTask
	readOne(t, w, "/api/v1/corps/demo/tasks/"+id, &tk)
	assert.Equal(t, "open", tk.Status, "the server refused it")
	w.b.shot(t)
}

// countOf counts the elements sel finds.
func (w *consoleWorld) countOf(t *testing.T, sel string) int {
	return get(t, w.b, "count "+sel, chromedp.Evaluate[int](`document.querySelectorAll(`+jsString(sel)+`).length`))
}

// attrOf reads attribute name of the first element sel finds.
func (w *consoleWorld) attrOf(t *testing.T, sel, name string) string {
	return get(t, w.b, "read "+name+" of "+sel, chromedp.Evaluate[string](`document.querySelector(`+jsString(sel)+`).getAttribute(`+jsString(name)+`) || ""`))
}

// readOne GETs one object from the API with the deployment's token.
func readOne(t *testing.T, w *consoleWorld, path string, out any) {
	status, body := getRaw(t, w.p, w.token, path)
	require.Equal(t, http.StatusOK, status, body)
	require.NoError(t, json.Unmarshal([]byte(body), out))
}

// consolePool: a customer who came through an online code nobody is near
// waits in the 客户池; the operator gives them to a guide (a guide must be
// chosen first), and the customer's page shows the new owner, the
// manual assignment in the history, the guide's follow-up task and the
// audit entry. The analyst reads the pool and tasks and changes nothing.
func consolePool(t *testing.T, w *consoleWorld) {
	var ch apiChannel
	w.postJSON(t, "/api/v1/corps/demo/channels", map[string]any{"name": "线上无定位活码", "kind": "online", "members": []map[string]any{{"userid": "online01"}},
		"welcome": map[string]any{"text": "您好"}}, &ch)
	ext := act(t, w.env, "customer-adds", "--userid", "online01", "--name", "池中客户", "--state", ch.State)
	waitAssigned(t, w.p, w.token, ext)
	guide, _ := w.guideName(t, "guide0103")
	w.signIn(t, "operator1", w.password["operator1"])
	w.open(t, "/console/pool?"+url.Values{"q": {"池中客户"}}.Encode(), "#pool")
	row := "#pool tr[data-external-userid='" + ext + "']"
	assert.Contains(t, w.b.text(t, row+" .pool-store"), "未定门店")
	assert.NotEmpty(t, w.b.text(t, row+" .pool-waited"), "how long they waited")
	w.confirmAll(t)
	w.b.do(t, "assign without a guide", chromedp.Click(chromedp.CSS(row+" input[name=ext]")), chromedp.Click(chromedp.CSS("#assign-submit")),
		chromedp.WaitVisible(chromedp.CSS("#pool-form .err")))
	assert.Contains(t, w.b.text(t, "#pool-form .err"), "请选择导购")
	assert.True(t, get(t, w.b, "still chosen", chromedp.Evaluate[bool](`document.querySelector(`+jsString(row+" input[name=ext]")+`).checked`)))
	w.b.shot(t)
	w.pick(t, "#assign-userid", guide)
	w.confirmAll(t)
	w.b.do(t, "assign", chromedp.Click(chromedp.CSS("#assign-submit")), chromedp.WaitVisible(chromedp.CSS("#flash")))
	assert.Contains(t, w.b.text(t, "#flash"), "已将 1 位客户分配给 "+guide)
	assert.Zero(t, w.countOf(t, row), "they left the pool")

	w.open(t, "/console/customers/c/"+ext, "#owners")
	assert.Equal(t, guide, w.b.text(t, "#owners .owner-guide"))
	assert.Equal(t, "徐汇店", w.b.text(t, "#owners .owner-store"))
	hist := get(t, w.b, "read the last decision", chromedp.Evaluate[string](`[...document.querySelectorAll('#history tbody tr')].pop().textContent`))
	assert.Contains(t, hist, "手动分配")
	assert.Contains(t, hist, "operator1", "the reason names the operator")
	assert.Contains(t, w.b.text(t, "#tasks"), "客户池手动分配", "the guide's follow-up task")
	audit := w.b.text(t, "#audit")
	assert.Contains(t, audit, "分配客户", "the audit entry, by what it did")
	assert.Contains(t, audit, guide, "the guide by name")
	assert.Contains(t, audit, "徐汇店", "the store by name")
	assert.NotContains(t, audit, "guide0103", "no userid in front of people")
	w.b.shot(t)

	w.signIn(t, "analyst1", w.password["analyst1"])
	for _, page := range []string{"/console/pool", "/console/tasks?status=all"} {
		w.open(t, page, "#menu")
		n := get(t, w.b, "count write controls", chromedp.Evaluate[int](`document.querySelectorAll('form[method=post]:not([action="/console/logout"]), .task-reassign, input[name=ext]').length`))
		assert.Zero(t, n, "%s offers the analyst no change", page)
	}
	w.open(t, "/console/customers/c/"+ext, "#audit")
	assert.Contains(t, w.b.text(t, "#audit"), "客户信息已隐藏", "an analyst reads that the customer was assigned, not the details")
	status := get(t, w.b, "post an assignment as the analyst", chromedp.Evaluate[int](`(() => {
		const f = new URLSearchParams({_csrf: document.querySelector('meta[name=csrf-token]').content, ext: 'x', userid: 'guide0101'});
		return fetch('/console/pool/assign', {method: 'POST', body: f}).then(r => r.status); })()`, chromedp.EvalAwaitPromise))
	assert.Equal(t, 403, status)
}
