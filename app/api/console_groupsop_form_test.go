package api_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The 社群SOP editor: every refusal at once, in Chinese, with what was
// typed kept; a saved SOP picks its groups by owner name; an edit keeps
// the ids of the steps it keeps (so what they fired stays fired), drops
// a step whose content is cleared and numbers a new one after the
// highest; the live count follows the selection; analysts only read.
func TestConsoleGroupSOPEditor(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		ctx, now := context.Background(), time.Now().UTC()
		require.NoError(t, db.NewDirectoryStore(d).SyncGroup(ctx, &app.Group{CorpID: c.corp.ID, ChatID: "wrG1", Name: "徐汇福利群", Owner: "g1", CreateTime: &now}, nil, now))
		olga := c.signIn(t, "olga")
		form := olga.get(t, "/console/group-sops/new", http.StatusOK)
		assert.Contains(t, form, `value="g1"> 李导购`, "owners by name")
		assert.Contains(t, form, "徐汇店", "stores by name")
		assert.Contains(t, form, "当前选中 <strong>1</strong> 个客户群")

		bad := url.Values{"name": {""}, "catch_up_hours": {"abc"}, "step_id": {"", ""}, "kind": {"after_create", "weekly"},
			"date": {"", ""}, "weekday": {"1", "1"}, "days": {"x", ""}, "at": {"10:00", "25:99"}, "content": {"第一步的内容", "第二步"}, "mass_send": {"", ""}}
		w := olga.post(t, "/console/group-sops/new", bad)
		require.Equal(t, http.StatusBadRequest, w.Code)
		for _, why := range []string{"请填写社群SOP名称", "补发时限须在 0 到 168 小时之间", "第 1 步：天数须在 0 到 365 之间", "第 2 步：请填写发送时间"} {
			assert.Contains(t, w.Body.String(), why)
		}
		assert.Contains(t, w.Body.String(), "第一步的内容", "what was typed stays")

		good := url.Values{"name": {"周末SOP"}, "owners": {"g1"}, "catch_up_hours": {"24"}, "step_id": {"", "", ""},
			"kind": {"date", "weekly", "after_create"}, "date": {"2027-01-01", "", ""}, "weekday": {"1", "6", "1"}, "days": {"", "", "3"},
			"at": {"09:00", "10:00", "11:00"}, "content": {"元旦快乐", "周末活动", "欢迎新群"}, "mass_send": {"", "", ""}}
		w = olga.post(t, "/console/group-sops/new", good)
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		sops, err := c.g.GroupSOPs.ListSOPs(ctx, c.corp.ID)
		require.NoError(t, err)
		require.Len(t, sops, 1)
		sop := sops[0]
		assert.Equal(t, []string{"g1"}, sop.Selection.Owners)
		assert.Equal(t, []int{1, 2, 3}, stepIDs(sop.Steps))
		assert.Equal(t, 6, sop.Steps[1].Weekday)

		edit := olga.get(t, "/console/group-sops/"+itoa(sop.ID)+"/edit", http.StatusOK)
		assert.Contains(t, edit, "周末活动")
		changed := url.Values{"name": {"周末SOP（改）"}, "owners": {"g1"}, "catch_up_hours": {"24"}, "step_id": {"1", "2", "3", ""},
			"kind": {"date", "weekly", "after_create", "after_join"}, "date": {"2027-01-01", "", "", ""}, "weekday": {"1", "6", "1", "1"},
			"days": {"", "", "3", "0"}, "at": {"09:00", "10:00", "11:00", "12:00"}, "content": {"元旦快乐！", "", "欢迎新群", "欢迎入群"}, "mass_send": {"", "", "", ""}}
		w = olga.post(t, "/console/group-sops/"+itoa(sop.ID)+"/edit", changed)
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		got, err := c.g.GroupSOPs.FindSOP(ctx, c.corp.ID, sop.ID)
		require.NoError(t, err)
		assert.Equal(t, []int{1, 3, 4}, stepIDs(got.Steps), "kept steps keep their ids; the cleared one is gone; the new one is 4")
		emptied := url.Values{"name": {"周末SOP（改）"}, "step_id": {"1", "3", "4"}, "kind": {"date", "after_create", "after_join"},
			"date": {"", "", ""}, "weekday": {"1", "1", "1"}, "days": {"", "3", "0"}, "at": {"09:00", "11:00", "12:00"}, "content": {"", "", ""},
			"mass_send": {"", "", ""}}
		w = olga.post(t, "/console/group-sops/"+itoa(sop.ID)+"/edit", emptied)
		require.Equal(t, http.StatusBadRequest, w.Code, "emptying every step is refused, not read as keeping them")
		assert.Contains(t, w.Body.String(), "至少添加一个步骤")
		assert.Equal(t, "元旦快乐！", got.Steps[0].Content)
		assert.Equal(t, "周末SOP（改）", got.Name)

		assert.Contains(t, olga.get(t, "/console/group-sops/count?owners=g1", http.StatusOK), "<strong>1</strong>")
		assert.Contains(t, olga.get(t, "/console/group-sops/count?owners=g2", http.StatusOK), "<strong>0</strong>")
		list := olga.get(t, "/console/group-sops", http.StatusOK)
		assert.Contains(t, list, `href="/console/group-sops/`+itoa(sop.ID)+`/edit"`)
		assert.Contains(t, list, "确定暂停？")
		require.Equal(t, http.StatusSeeOther, olga.post(t, "/console/group-sops/"+itoa(sop.ID)+"/pause", url.Values{}).Code)
		assert.Contains(t, olga.get(t, "/console/group-sops", http.StatusOK), "确定恢复？", "resuming asks first, as pausing does")

		ann := c.signIn(t, "ann")
		ann.get(t, "/console/group-sops/new", http.StatusForbidden)
		assert.Equal(t, http.StatusForbidden, ann.post(t, "/console/group-sops/"+itoa(sop.ID)+"/edit", changed).Code)
		assert.NotContains(t, ann.get(t, "/console/group-sops", http.StatusOK), `id="new-sop"`)
	})
}

// stepIDs are the ids of steps, in order.
func stepIDs(steps []app.GroupSOPStep) []int {
	out := make([]int, len(steps))
	for i, st := range steps {
		out[i] = st.ID
	}
	return out
}
