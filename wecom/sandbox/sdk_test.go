package sandbox_test

import (
	"errors"
	"testing"

	"github.com/silenceper/wechat/v2/cache"
	"github.com/silenceper/wechat/v2/util"
	"github.com/silenceper/wechat/v2/work"
	workConfig "github.com/silenceper/wechat/v2/work/config"
	"github.com/silenceper/wechat/v2/work/externalcontact"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// sdkClient is the silenceper v2.1.14 client for a corp, redirected to the
// sandbox by TestMain's URI modifier.
func sdkClient(c *sandbox.Corp) *externalcontact.Client {
	cfg := c.Config()
	return work.NewWork(&workConfig.Config{
		CorpID: cfg.CorpID, CorpSecret: cfg.ContactSecret, Cache: cache.NewMemory(),
	}).GetExternalContact()
}

// errCode extracts WeCom's errcode from an SDK error.
func errCode(err error) int64 {
	var ce *util.CommonError
	if errors.As(err, &ce) {
		return ce.ErrCode
	}
	return 0
}

// demoCorp is a corp with the demo seed and a receiver-less callback.
func demoCorp(t *testing.T) *sandbox.Corp {
	t.Helper()
	c := newCorp(t)
	require.NoError(t, c.SeedDemo())
	return c
}

func TestSDKCustomers(t *testing.T) {
	c := demoCorp(t)
	sdk := sdkClient(c)

	users, err := sdk.GetFollowUserList()
	require.NoError(t, err)
	assert.Len(t, users, 17)

	ids, err := sdk.GetExternalUserList("guide0101")
	require.NoError(t, err)
	require.NotEmpty(t, ids)

	detail, err := sdk.GetExternalUserDetail(ids[0])
	require.NoError(t, err)
	assert.Equal(t, ids[0], detail.ExternalContact.ExternalUserID)
	assert.NotEmpty(t, detail.ExternalContact.UnionID)
	require.NotEmpty(t, detail.FollowUser)
	assert.Equal(t, "guide0101", detail.FollowUser[0].UserID)

	var all []externalcontact.ExternalUserForBatch
	cursor := ""
	for {
		page, next, err := sdk.BatchGetExternalUserDetails(externalcontact.BatchGetExternalUserDetailsRequest{
			UserIDList: []string{"guide0101", "guide0102"}, Cursor: cursor, Limit: 7,
		})
		require.NoError(t, err)
		assert.LessOrEqual(t, len(page), 7)
		all = append(all, page...)
		if next == "" {
			break
		}
		cursor = next
	}
	ids2, err := sdk.GetExternalUserList("guide0102")
	require.NoError(t, err)
	assert.Len(t, all, len(ids)+len(ids2))

	require.NoError(t, sdk.UpdateUserRemark(externalcontact.UpdateUserRemarkRequest{
		UserID: "guide0101", ExternalUserID: ids[0], Remark: "老客户", Description: "喜欢可颂",
	}))
	f, ok := c.Follow("guide0101", ids[0])
	require.True(t, ok)
	assert.Equal(t, "老客户", f.Remark)
	assert.Equal(t, "喜欢可颂", f.Description)
	assert.Empty(t, c.Events(), "API changes produce no callbacks")

	_, err = sdk.GetExternalUserDetail("wmnobody")
	assert.EqualValues(t, 40096, errCode(err))
}

func TestSDKTags(t *testing.T) {
	c := demoCorp(t)
	sdk := sdkClient(c)

	groups, err := sdk.GetCropTagList(externalcontact.GetCropTagRequest{})
	require.NoError(t, err)
	require.Len(t, groups, 3)
	assert.Equal(t, "客户等级", groups[0].GroupName, "larger order first")

	added, err := sdk.AddCropTag(externalcontact.AddCropTagRequest{
		GroupName: "活动", Tag: []externalcontact.AddCropTagItem{{Name: "中秋"}, {Name: "国庆"}},
	})
	require.NoError(t, err)
	require.Len(t, added.Tag, 2)

	require.NoError(t, sdk.EditCropTag(externalcontact.EditCropTagRequest{ID: added.Tag[0].ID, Name: "中秋节"}))

	ids, err := sdk.GetExternalUserList("guide0101")
	require.NoError(t, err)
	require.NoError(t, sdk.MarkTag(externalcontact.MarkTagRequest{
		UserID: "guide0101", ExternalUserID: ids[0], AddTag: []string{added.Tag[0].ID, added.Tag[1].ID},
	}))
	// The SDK sends "agent_id":"" (the official key is agentid): ignored.
	require.NoError(t, sdk.DeleteCropTag(externalcontact.DeleteCropTagRequest{TagID: []string{added.Tag[1].ID}}))

	f, _ := c.Follow("guide0101", ids[0])
	assert.Contains(t, f.TagIDs, added.Tag[0].ID)
	assert.NotContains(t, f.TagIDs, added.Tag[1].ID)

	err = sdk.MarkTag(externalcontact.MarkTagRequest{UserID: "guide0101", ExternalUserID: ids[0], AddTag: []string{"etnope"}})
	assert.EqualValues(t, 40068, errCode(err))
}

func TestSDKGroups(t *testing.T) {
	c := demoCorp(t)
	sdk := sdkClient(c)

	list, err := sdk.GetGroupChatList(&externalcontact.GroupChatListRequest{Limit: 3})
	require.NoError(t, err)
	require.Len(t, list.GroupChatList, 3)
	require.NotEmpty(t, list.NextCursor)
	rest, err := sdk.GetGroupChatList(&externalcontact.GroupChatListRequest{Limit: 3, Cursor: list.NextCursor})
	require.NoError(t, err)
	require.Len(t, rest.GroupChatList, 1)
	assert.Empty(t, rest.NextCursor)

	detail, err := sdk.GetGroupChatDetail(&externalcontact.GroupChatDetailRequest{ChatID: list.GroupChatList[0].ChatID, NeedName: 1})
	require.NoError(t, err)
	g := detail.GroupChat
	assert.Equal(t, "manager01", g.Owner)
	assert.NotEmpty(t, g.MemberVersion)
	require.NotEmpty(t, g.MemberList)
	assert.NotEmpty(t, g.MemberList[0].Name)

	_, err = sdk.GetGroupChatList(&externalcontact.GroupChatListRequest{Limit: 0})
	assert.EqualValues(t, 40058, errCode(err))
}
