package directory_test

import (
	"context"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
)

// The console changes the tag library through WeCom (the sandbox): each
// change is in WeCom first, then in the mirror at once, with its audit
// record naming who did it; a change the mirror can tell is wrong (a
// blank or repeated name, a group name in use) is refused field by field
// before WeCom is asked, and an unknown id is not found.
func TestTagLibraryWrites(t *testing.T) {
	for _, tc := range []struct{ driver, redis string }{
		{config.DriverSQLite, config.RedisEmbedded}, {config.DriverMySQL, config.RedisStandalone},
	} {
		t.Run(tc.driver, func(t *testing.T) {
			s := startSiyu(t, tc.driver, tc.redis)
			ctx := app.WithActor(context.Background(), "user:7")
			corp := s.corp.ID
			group, err := s.dir.CreateTagGroup(ctx, corp, "会员等级", []string{"金卡", "银卡"})
			require.NoError(t, err)
			assertTagsMirrored(t, s, "会员等级|金卡", "会员等级|银卡")
			tag, err := s.dir.AddTag(ctx, corp, group, "黑卡")
			require.NoError(t, err)
			assertTagsMirrored(t, s, "会员等级|金卡", "会员等级|银卡", "会员等级|黑卡")
			require.NoError(t, s.dir.RenameTag(ctx, corp, tag, "钻石卡"))
			require.NoError(t, s.dir.RenameTag(ctx, corp, group, "会员卡"))
			assertTagsMirrored(t, s, "会员卡|金卡", "会员卡|银卡", "会员卡|钻石卡")

			t.Run("ErrInvalid", func(t *testing.T) {
				before := s.sc.Snapshot().TagGroups
				_, err := s.dir.CreateTagGroup(ctx, corp, "会员卡", []string{"", "铜卡", "铜卡"})
				assert.Equal(t, app.EINVALID, app.ErrorCode(err))
				assert.ElementsMatch(t, []string{"group_name", "tags", "tags"}, fields(err), "every refused field at once")
				_, err = s.dir.AddTag(ctx, corp, group, "金卡")
				assert.Equal(t, []string{"name"}, fields(err))
				err = s.dir.RenameTag(ctx, corp, tag, "这个名字超过了三十个字这个名字超过了三十个字这个名字超过了三十个字")
				assert.Equal(t, []string{"name"}, fields(err))
				assert.Equal(t, before, s.sc.Snapshot().TagGroups, "WeCom was not asked")
			})
			t.Run("ErrNotFound", func(t *testing.T) {
				assert.Equal(t, app.ENOTFOUND, app.ErrorCode(s.dir.DeleteTag(ctx, corp, "et-nobody")))
				_, err := s.dir.AddTag(ctx, corp, "et-nobody", "新标签")
				assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err))
			})

			require.NoError(t, s.dir.DeleteTag(ctx, corp, tag))
			assertTagsMirrored(t, s, "会员卡|金卡", "会员卡|银卡")
			require.NoError(t, s.dir.DeleteTag(ctx, corp, group))
			assertTagsMirrored(t, s)

			es, err := db.NewAuditStore(s.db).ListAudit(ctx, app.AuditFilter{CorpID: corp, Actor: "user:7"})
			require.NoError(t, err)
			var actions []string
			for _, e := range es {
				actions = append(actions, e.Action+" "+e.TargetID)
			}
			assert.Equal(t, []string{"tag_group.delete " + group, "tag.delete " + tag, "tag_group.rename " + group, "tag.rename " + tag,
				"tag.create " + tag, "tag_group.create " + group}, actions, "each change recorded once, newest first")
		})
	}
}

// assertTagsMirrored checks WeCom and the mirror both hold exactly want
// ("group|tag"), with the same ids.
func assertTagsMirrored(t *testing.T, s *siyu, want ...string) {
	t.Helper()
	var inWeCom, ids []string
	for _, g := range s.sc.Snapshot().TagGroups {
		for _, tag := range g.Tags {
			inWeCom, ids = append(inWeCom, g.GroupName+"|"+tag.Name), append(ids, g.GroupID+"|"+tag.ID)
		}
	}
	lib, err := db.NewDirectoryStore(s.db).CorpTags(context.Background(), s.corp.ID)
	require.NoError(t, err)
	var mirrored, mirroredIDs []string
	for _, g := range lib {
		for _, tag := range g.Tags {
			mirrored, mirroredIDs = append(mirrored, g.Name+"|"+tag.Name), append(mirroredIDs, g.GroupID+"|"+tag.TagID)
		}
	}
	for _, l := range [][]string{want, inWeCom, ids, mirrored, mirroredIDs} {
		sort.Strings(l)
	}
	assert.Equal(t, want, inWeCom, "in WeCom")
	assert.Equal(t, want, mirrored, "in the mirror")
	assert.Equal(t, ids, mirroredIDs, "under WeCom's ids")
}

func fields(err error) []string {
	var out []string
	for _, f := range app.ErrorFields(err) {
		out = append(out, f.Field)
	}
	return out
}
