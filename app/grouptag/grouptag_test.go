package grouptag_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
)

// groups writes groups chat ids into s's mirror.
func groups(t *testing.T, s *stack.Stack, ids ...string) {
	now := time.Now().UTC()
	for _, id := range ids {
		g := app.Group{CorpID: s.Corp.ID, ChatID: id, Name: "群" + id, Owner: "o1", CreateTime: &now}
		require.NoError(t, s.Stores.Directory.SyncGroup(context.Background(), &g, nil, now))
	}
}

// reasons lists err's field reasons.
func reasons(err error) []string {
	var out []string
	for _, f := range app.ErrorFields(err) {
		out = append(out, f.Reason)
	}
	return out
}

// Tags are created, renamed and listed with their group counts; every
// invalid field is refused at once, a duplicate name is a conflict.
func TestGroupTagDefinitions(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *stack.Stack) {
		ctx, corp := context.Background(), s.Corp.ID
		err := s.GroupTags.CreateTag(ctx, &app.GroupTag{CorpID: corp, Name: "  ", GroupName: string(make([]rune, 33))})
		assert.Equal(t, []string{"请填写标签名称", "标签组名称最多 32 个字"}, reasons(err))
		a := &app.GroupTag{CorpID: corp, Name: " 高活跃 ", GroupName: "活跃度"}
		require.NoError(t, s.GroupTags.CreateTag(ctx, a))
		assert.Equal(t, "高活跃", a.Name)
		assert.Equal(t, app.ECONFLICT, app.ErrorCode(s.GroupTags.CreateTag(ctx, &app.GroupTag{CorpID: corp, Name: "高活跃"})))
		b := &app.GroupTag{CorpID: corp, Name: "低活跃", GroupName: "活跃度"}
		require.NoError(t, s.GroupTags.CreateTag(ctx, b))
		_, err = s.GroupTags.RenameTag(ctx, corp, b.ID, "高活跃", "")
		assert.Equal(t, app.ECONFLICT, app.ErrorCode(err))
		got, err := s.GroupTags.RenameTag(ctx, corp, b.ID, "沉默", "活跃度")
		require.NoError(t, err)
		assert.Equal(t, "沉默", got.Name)
		groups(t, s, "wr1", "wr2")
		require.NoError(t, s.GroupTags.Tag(ctx, corp, []string{"wr1", "wr2", "wr1"}, []int64{a.ID}))
		ts, err := s.GroupTags.List(ctx, corp)
		require.NoError(t, err)
		require.Len(t, ts, 2)
		assert.Equal(t, []string{"沉默", "高活跃"}, []string{ts[0].Name, ts[1].Name})
		assert.Equal(t, []int64{0, 2}, []int64{ts[0].Chats, ts[1].Chats})
		var audits int
		require.NoError(t, s.DB.SQL().QueryRow("SELECT COUNT(*) FROM audit_entries WHERE corp_id = ? AND action LIKE 'group_tag.%'", corp).Scan(&audits))
		assert.Equal(t, 4, audits) // 2 creates, 1 rename, 1 tag
	})
}

// Bulk tagging names every unknown group and tag at once and changes
// nothing then; tags stay within their corp; untag, set by name and delete
// change exactly the links they say.
func TestGroupTagLinks(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *stack.Stack) {
		ctx, corp := context.Background(), s.Corp.ID
		groups(t, s, "wrA", "wrB", "wrC")
		x, y := &app.GroupTag{CorpID: corp, Name: "X"}, &app.GroupTag{CorpID: corp, Name: "Y"}
		require.NoError(t, s.GroupTags.CreateTag(ctx, x))
		require.NoError(t, s.GroupTags.CreateTag(ctx, y))
		err := s.GroupTags.Tag(ctx, corp, []string{"wrA", "wrNo"}, []int64{x.ID, 99999})
		assert.Equal(t, []string{"客户群 wrNo 不存在", "群标签 99999 不存在"}, reasons(err))
		assert.Equal(t, []string{"请选择客户群", "请选择群标签"}, reasons(s.GroupTags.Tag(ctx, corp, nil, nil)))
		other := &app.Corp{CorpID: "wwOther", Name: "别家", Timezone: "Asia/Shanghai"}
		require.NoError(t, s.Stores.Corps.CreateCorp(ctx, other))
		assert.Equal(t, []string{"客户群 wrA 不存在", fmt.Sprintf("群标签 %d 不存在", x.ID)},
			reasons(s.GroupTags.Tag(ctx, other.ID, []string{"wrA"}, []int64{x.ID})))
		require.NoError(t, s.GroupTags.Tag(ctx, corp, []string{"wrA", "wrB", "wrC"}, []int64{x.ID, y.ID}))
		require.NoError(t, s.GroupTags.Untag(ctx, corp, []string{"wrB"}, []int64{x.ID}))
		_, err = s.GroupTags.SetGroupTags(ctx, corp, "wrC", []string{"Y", "Z", "W"})
		assert.Equal(t, []string{"群标签「Z」不存在，请先在群标签页创建", "群标签「W」不存在，请先在群标签页创建"}, reasons(err))
		set, err := s.GroupTags.SetGroupTags(ctx, corp, "wrC", []string{"Y", " Y"})
		require.NoError(t, err)
		assert.Len(t, set, 1)
		assert.Equal(t, map[string][]string{"wrA": {"X", "Y"}, "wrB": {"Y"}, "wrC": {"Y"}}, tagNames(t, s, "wrA", "wrB", "wrC"))
		require.NoError(t, s.GroupTags.DeleteTag(ctx, corp, y.ID))
		assert.Equal(t, map[string][]string{"wrA": {"X"}}, tagNames(t, s, "wrA", "wrB", "wrC"))
		assert.Equal(t, app.ENOTFOUND, app.ErrorCode(s.GroupTags.DeleteTag(ctx, corp, y.ID)))
	})
}

// tagNames reads the groups' tags by name through the service.
func tagNames(t *testing.T, s *stack.Stack, ids ...string) map[string][]string {
	m, err := s.GroupTags.TagsOf(context.Background(), s.Corp.ID, ids)
	require.NoError(t, err)
	out := map[string][]string{}
	for c, ts := range m {
		for _, tg := range ts {
			out[c] = append(out[c], tg.Name)
		}
	}
	return out
}
