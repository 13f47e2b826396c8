package wecom_test

import (
	"context"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

func TestCustomerAPIs(t *testing.T) {
	testkit.EachRedis(t, func(t *testing.T, r *kv.Redis) {
		ctx := context.Background()
		corp := newCorp(t)
		ids := seedCustomers(t, corp, "guide1", 3)
		require.NoError(t, corp.AddMember(sandbox.Member{UserID: "guide2", ContactEnabled: true}))
		c := newClient(t, r, corp)

		t.Run("ListCustomers", func(t *testing.T) {
			got, err := c.ListCustomers(ctx, "guide1")
			require.NoError(t, err)
			assert.ElementsMatch(t, ids, got)
			none, err := c.ListCustomers(ctx, "guide2")
			require.NoError(t, err)
			assert.Empty(t, none)
		})
		t.Run("GetCustomer", func(t *testing.T) {
			got, err := c.GetCustomer(ctx, ids[0])
			require.NoError(t, err)
			require.Len(t, got.FollowUsers, 1)
			assert.Equal(t, "store-1", got.FollowUsers[0].State)
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			_, err := c.GetCustomer(ctx, "wmNoSuchCustomer")
			assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err))
			assert.NotZero(t, wecom.ErrCode(err))
		})
		t.Run("BatchKeepsState", func(t *testing.T) {
			page, err := c.BatchCustomers(ctx, []string{"guide1"}, "", 100)
			require.NoError(t, err)
			require.Len(t, page.Customers, 3)
			assert.Equal(t, "store-1", page.Customers[0].Follow.State)
			assert.Equal(t, "guide1", page.Customers[0].Follow.UserID)
		})
		t.Run("Remark", func(t *testing.T) {
			require.NoError(t, c.Remark(ctx, wecom.RemarkRequest{UserID: "guide1", ExternalUserID: ids[1], Remark: "老客户"}))
			f, ok := corp.Follow("guide1", ids[1])
			require.True(t, ok)
			assert.Equal(t, "老客户", f.Remark)
		})
	})
}

func TestTagAPIs(t *testing.T) {
	testkit.EachRedis(t, func(t *testing.T, r *kv.Redis) {
		ctx := context.Background()
		corp := newCorp(t)
		ids := seedCustomers(t, corp, "guide1", 1)
		c := newClient(t, r, corp)

		group, err := c.AddCorpTag(ctx, wecom.AddCorpTagRequest{GroupName: "会员等级", Order: 7, Tag: []wecom.AddCorpTagItem{{Name: "金卡"}, {Name: "银卡"}}})
		require.NoError(t, err)
		require.Len(t, group.Tags, 2)
		gold := group.Tags[0].ID

		require.NoError(t, c.EditCorpTag(ctx, gold, "黑金卡", 3))
		require.NoError(t, c.MarkTag(ctx, wecom.MarkTagRequest{UserID: "guide1", ExternalUserID: ids[0], AddTag: []string{gold}}))
		f, _ := corp.Follow("guide1", ids[0])
		assert.Equal(t, []string{gold}, f.TagIDs)

		groups, err := c.CorpTags(ctx, nil, []string{group.GroupID})
		require.NoError(t, err)
		require.Len(t, groups, 1)
		assert.Equal(t, int64(7), groups[0].Order, "group order is read from WeCom's \"order\"")
		assert.Equal(t, "黑金卡", groups[0].Tags[0].Name)

		require.NoError(t, c.DeleteCorpTags(ctx, nil, []string{group.GroupID}))
		groups, err = c.CorpTags(ctx, nil, nil)
		require.NoError(t, err)
		assert.Empty(t, groups)
	})
}

func TestGroupChatAPIs(t *testing.T) {
	testkit.EachRedis(t, func(t *testing.T, r *kv.Redis) {
		ctx := context.Background()
		corp := newCorp(t)
		ids := seedCustomers(t, corp, "guide1", 2)
		var chats []string
		for range 3 {
			id, err := corp.CreateGroup(sandbox.NewGroup{Owner: "guide1", Name: "门店群", Members: ids})
			require.NoError(t, err)
			chats = append(chats, id)
		}
		c := newClient(t, r, corp)

		var listed []string
		err := c.EachGroupChat(ctx, wecom.GroupChatListRequest{Limit: 2, OwnerFilter: wecom.OwnerFilter{UseridList: []string{"guide1"}}},
			func(ref wecom.GroupChatRef) error { listed = append(listed, ref.ChatID); return nil })
		require.NoError(t, err)
		assert.ElementsMatch(t, chats, listed)
		assert.Len(t, corp.CallsTo("externalcontact/groupchat/list"), 2, "two pages of two")

		chat, err := c.GroupChat(ctx, chats[0], true)
		require.NoError(t, err)
		assert.Equal(t, "guide1", chat.Owner)
		assert.Len(t, chat.MemberList, 3)
	})
}

func TestMetricsCountEveryTry(t *testing.T) {
	testkit.EachRedis(t, func(t *testing.T, r *kv.Redis) {
		corp := newCorp(t)
		calls := metrics.NewWeComCalls(prometheus.NewRegistry())
		c := newClient(t, r, corp, wecom.WithMetrics(calls))
		corp.InjectFault("externalcontact/get_follow_user_list", sandbox.Fault{ErrCode: 45009, Times: 1})
		_, err := c.FollowUsers(context.Background())
		require.NoError(t, err)
		vec := calls.Vec()
		assert.Equal(t, 1.0, testutil.ToFloat64(vec.WithLabelValues("externalcontact/get_follow_user_list", "45009")))
		assert.Equal(t, 1.0, testutil.ToFloat64(vec.WithLabelValues("externalcontact/get_follow_user_list", "ok")))
	})
}
