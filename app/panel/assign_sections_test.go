package panel_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/panel"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// The page's owner, history and task sections come from what assignment
// recorded; a store manager sees the customers their store owns, and no
// other store's.
func TestAssignSectionsAndStoreAccess(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		corp := &app.Corp{CorpID: "ww_panel_assign", Name: "门店连锁", Timezone: "Asia/Shanghai"}
		require.NoError(t, db.NewCorpStore(d, testkit.Box(t)).CreateCorp(ctx, corp))
		org, st := db.NewOrgStore(d), db.NewAssignStore(d)
		east := &app.Store{CorpID: corp.ID, Code: "E1", Name: "东门店", Kind: app.StoreKindStore, Status: app.StoreOpen}
		west := &app.Store{CorpID: corp.ID, Code: "W1", Name: "西门店", Kind: app.StoreKindStore, Status: app.StoreOpen}
		require.NoError(t, org.CreateStore(ctx, east))
		require.NoError(t, org.CreateStore(ctx, west))
		for _, g := range []app.Guide{{UserID: "g1", StoreID: east.ID, Role: app.GuideRoleGuide}, {UserID: "em", StoreID: east.ID, Role: app.GuideRoleManager},
			{UserID: "wm", StoreID: west.ID, Role: app.GuideRoleManager}} {
			g.CorpID, g.Status = corp.ID, app.GuideActive
			require.NoError(t, org.CreateGuide(ctx, &g))
		}
		at := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
		require.NoError(t, st.SaveOwner(ctx, &app.Owner{CorpID: corp.ID, ExternalUserID: "wm_c1", UserID: "g1", StoreID: &east.ID, Status: app.OwnerAssigned, AssignedAt: at}))
		for i, a := range []app.Assignment{{ToUserID: "", Rule: app.RulePool, Reason: "进入公海"}, {ToUserID: "g1", ToStoreID: &east.ID, Rule: app.RuleNearest, Reason: "就近门店"}} {
			a.CorpID, a.ExternalUserID, a.Actor, a.EventKey, a.CreatedAt = corp.ID, "wm_c1", "system:assign", "k"+string(rune('a'+i)), at.Add(time.Duration(i)*time.Minute)
			require.NoError(t, st.RecordAssignment(ctx, &a))
		}
		_, err := db.NewTaskStore(d).AddTask(ctx, &app.GuideTask{CorpID: corp.ID, UserID: "g1", ExternalUserID: "wm_c1", Kind: app.TaskFollowUp, Title: "请联系新客户", Source: "kb"})
		require.NoError(t, err)

		g := root.New(d, testkit.OpenRedis(t, testkit.RedisConfig(t, config.RedisEmbedded)), root.Options{Log: testkit.Logger(t), Box: testkit.Box(t)})
		t.Cleanup(func() { g.Close() })
		r := panel.AssignSections{Owners: g.Assign, Names: g.Names(), Tasks: g.Todo}
		owner, err := r.CustomerOwner(ctx, corp.ID, "wm_c1")
		require.NoError(t, err)
		assert.Equal(t, "g1", owner.GuideUserID)
		assert.Equal(t, "东门店", owner.StoreName)
		none, err := r.CustomerOwner(ctx, corp.ID, "wm_nobody")
		require.NoError(t, err)
		assert.Nil(t, none, "no owner yet: the empty state")
		hist, err := r.AssignmentHistory(ctx, corp.ID, "wm_c1", 10)
		require.NoError(t, err)
		require.Len(t, hist, 2)
		assert.Equal(t, app.RuleNearest, hist[0].Rule, "newest first")
		assert.Equal(t, "东门店", hist[0].StoreName)
		assert.Equal(t, "公海客户就近分配", hist[0].RuleName, "the rule in Chinese")
		assert.Equal(t, "系统自动分配", hist[0].ActorName, "the actor in Chinese")
		tasks, err := r.OpenTasks(ctx, app.PanelViewer{CorpID: corp.ID, UserID: "g1"}, "wm_c1")
		require.NoError(t, err)
		require.Len(t, tasks, 1)
		assert.Equal(t, "请联系新客户", tasks[0].Title)

		access := panel.StoreAccess{Org: org, Owners: g.Assign, Followers: db.NewDirectoryStore(d)}
		for _, c := range []struct {
			user string
			want bool
		}{{"em", true}, {"wm", false}, {"g1", false}, {"stranger", false}} {
			ok, err := access.MayView(ctx, app.PanelViewer{CorpID: corp.ID, UserID: c.user}, "wm_c1")
			require.NoError(t, err)
			assert.Equal(t, c.want, ok, c.user)
		}
	})
}
