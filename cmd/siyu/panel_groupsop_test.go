package main

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/groupsop"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// sopStep creates, through the JSON API, a group SOP for group g whose one
// date step falls due in the next minute, runs a tick two minutes on (as
// the running process's scheduler would) and returns the owner's task.
func sopStep(t *testing.T, w *panelWorld, core *root.Core, corp *app.Corp, g demoGroup, content string) *app.GuideTask {
	ctx, zone := context.Background(), app.ZoneNamed(corp.Timezone)
	due := time.Now().Add(time.Minute).In(zone)
	body := map[string]any{"name": "周末活动预告", "selection": map[string]any{"owners": []string{g.Owner}, "name_contains": g.Name},
		"steps": []map[string]any{{"kind": "date", "date": due.Format("2006-01-02"), "at": due.Format("15:04"), "content": content}}}
	status, raw := callAPI(t, w.p, w.token, http.MethodPost, "/api/v1/corps/demo/group-sops", body)
	require.Equal(t, http.StatusCreated, status, string(raw))
	var sop struct {
		ID int64 `json:"id"`
	}
	require.NoError(t, json.Unmarshal(raw, &sop))
	store := db.NewGroupSOPStore(core.DB)
	svc := &groupsop.Service{Store: store, Ledger: store, Groups: store, Tasks: core.Todo, Corps: core.Stores.Corps,
		Now: func() time.Time { return time.Now().Add(2 * time.Minute) }}
	require.NoError(t, svc.Tick(ctx, corp.ID))
	admin := app.Principal{CorpID: corp.ID, Role: app.RoleAdmin, Actor: "deployment"}
	tasks, _, err := core.Todo.ListTasks(ctx, corp.ID, admin, app.TaskFilter{Kind: app.TaskSOPStep, UserID: g.Owner})
	require.NoError(t, err)
	for i := range tasks {
		if tasks[i].ChatID == g.ChatID {
			return &tasks[i]
		}
	}
	require.FailNow(t, "the SOP step gave the group's owner no task")
	return nil
}
