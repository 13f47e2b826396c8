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

// 社群SOP in the console: the list with each SOP's state, and a SOP's
// report by group and owner name with a self-reported step marked 自报.
func TestConsoleGroupSOPs(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		ctx := context.Background()
		now := time.Now().UTC()
		require.NoError(t, db.NewDirectoryStore(d).SyncGroup(ctx, &app.Group{CorpID: c.corp.ID, ChatID: "wrG1", Name: "徐汇福利群", Owner: "g1", CreateTime: &now}, nil, now))
		require.NoError(t, db.NewDirectoryStore(d).SetStaffNames(ctx, c.corp.ID, map[string]string{"g1": "李群主"}))
		svc := *c.g.GroupSOPs
		svc.Now = func() time.Time { return now.Add(-time.Hour) }
		due := now.Add(-30 * time.Minute).In(app.ZoneNamed(c.corp.Timezone))
		sop := &app.GroupSOP{CorpID: c.corp.ID, Name: "周末活动", Steps: []app.GroupSOPStep{
			{Kind: app.GroupStepDate, Date: due.Format("2006-01-02"), At: due.Format("15:04"), Content: "本周六全场8折"}}}
		require.NoError(t, svc.Create(ctx, sop))
		svc.Now = nil
		require.NoError(t, svc.Tick(ctx, c.corp.ID))
		admin := app.Principal{CorpID: c.corp.ID, Role: app.RoleAdmin, Actor: "deployment"}
		tasks, _, err := c.g.Todo.ListTasks(ctx, c.corp.ID, admin, app.TaskFilter{Kind: app.TaskSOPStep})
		require.NoError(t, err)
		require.Len(t, tasks, 1)
		_, err = c.g.Todo.CompleteTask(ctx, c.corp.ID, tasks[0].ID, admin, false)
		require.NoError(t, err)

		olga := c.signIn(t, "olga")
		list := olga.get(t, "/console/group-sops", http.StatusOK)
		assert.Contains(t, list, "周末活动")
		assert.Contains(t, list, "进行中")
		report := olga.get(t, "/console/group-sops/"+itoa(sop.ID), http.StatusOK)
		assert.Contains(t, report, "徐汇福利群", "the group by name")
		assert.Contains(t, report, "李群主", "the owner by name")
		assert.Contains(t, report, `<span class="badge warn">自报</span>`)
		olga.get(t, "/console/group-sops/999999", http.StatusNotFound)

		w := olga.post(t, "/console/group-sops/"+itoa(sop.ID)+"/pause", url.Values{})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		got, err := c.g.GroupSOPs.FindSOP(ctx, c.corp.ID, sop.ID)
		require.NoError(t, err)
		assert.Equal(t, app.GroupSOPPaused, got.Status)
		assert.Contains(t, olga.get(t, "/console/group-sops", http.StatusOK), "已暂停")
		w = olga.post(t, "/console/group-sops/"+itoa(sop.ID)+"/resume", url.Values{})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		got, err = c.g.GroupSOPs.FindSOP(ctx, c.corp.ID, sop.ID)
		require.NoError(t, err)
		assert.Equal(t, app.GroupSOPActive, got.Status)
		log := olga.get(t, "/console/audit", http.StatusOK)
		for _, did := range []string{"新建社群SOP", "暂停社群SOP", "恢复社群SOP"} {
			assert.Contains(t, log, did, "the audit trail keeps what people did to the SOP")
		}
	})
}
