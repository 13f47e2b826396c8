package names_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/names"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// Actors and people are named as a person reads them: accounts and tokens
// by their names, guides by their display names, Siyu's jobs by what they
// do; an account of another corp is not looked up.
func TestNames(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		core := root.NewCore(d, testkit.Box(t), auth.Options{BcryptCost: 4})
		ctx := app.WithActor(context.Background(), "cli:test")
		c := &app.Corp{CorpID: testkit.RandomName("ww"), Name: "命名"}
		require.NoError(t, core.Stores.Corps.CreateCorp(ctx, c))
		u := &app.AdminUser{CorpID: c.ID, Username: "alice", Role: app.RoleAdmin}
		require.NoError(t, core.Auth.CreateAdmin(ctx, u, "password-0123"))
		tk := &app.APIToken{CorpID: c.ID, Name: "报表脚本", Role: app.RoleOperator}
		_, err := core.Auth.CreateToken(ctx, tk)
		require.NoError(t, err)
		require.NoError(t, core.Org.CreateStore(ctx, &app.Store{CorpID: c.ID, Code: "S1", Name: "徐汇店"}))
		require.NoError(t, core.Org.CreateGuide(ctx, &app.Guide{CorpID: c.ID, UserID: "g1", Name: "王芳", StoreCode: "S1"}))
		require.NoError(t, core.Org.CreateGuide(ctx, &app.Guide{CorpID: c.ID, UserID: "g2", StoreCode: "S1"}))

		r := names.Resolver{Org: core.Stores.Org, Staff: core.Stores.Directory, Accounts: core.Stores.Admin}
		user, token := fmt.Sprintf("user:%d", u.ID), fmt.Sprintf("token:%d", tk.ID)
		got, err := r.Actors(ctx, c.ID, []string{user, token, "staff:g1", "staff:g2", "system:assign", "deployment", "user:999999"})
		require.NoError(t, err)
		assert.Equal(t, map[string]string{user: "控制台用户「alice」", token: "令牌「报表脚本」", "staff:g1": "导购「王芳」",
			"staff:g2": "导购 g2", "system:assign": "系统自动分配", "deployment": "部署令牌", "user:999999": "控制台用户 #999999"}, got)
		people, err := r.People(ctx, c.ID, []string{"g1", "g2", ""})
		require.NoError(t, err)
		assert.Equal(t, map[string]string{"g1": "王芳"}, people, "a guide without a name is absent, never named by userid")
	})
}
