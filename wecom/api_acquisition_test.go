package wecom_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// A 获客链接 made, read, changed and deleted through the client; an
// inviter's URL (LinkWithChannel) clicked in the sandbox adds a member
// with the channel as the follow's state, which GetCustomer reads back.
func TestAcquisitionLinks(t *testing.T) {
	ctx := context.Background()
	corp := newCorp(t)
	for _, id := range []string{"guide1", "guide2"} {
		require.NoError(t, corp.AddMember(sandbox.Member{UserID: id, Name: id, Departments: []int{7}, ContactEnabled: true}))
	}
	c := newClient(t, testkit.OpenRedis(t, testkit.RedisConfig(t, config.RedisEmbedded)), corp)
	l, err := c.CreateAcquisitionLink(ctx, wecom.AcquisitionLink{Name: "新年任务宝", Users: []string{"guide1"}, SkipVerify: true})
	require.NoError(t, err)
	require.NotEmpty(t, l.LinkID)
	require.NotEmpty(t, l.URL)
	assert.False(t, l.CreateTime.IsZero())

	shared, err := wecom.LinkWithChannel(l.URL, "inv_k7Qa9")
	require.NoError(t, err)
	added, err := corp.AddByLink(shared, "", sandbox.Customer{Name: "赵女士"})
	require.NoError(t, err)
	d, err := c.GetCustomer(ctx, added.ExternalUserID)
	require.NoError(t, err)
	require.Len(t, d.FollowUsers, 1)
	assert.Equal(t, "guide1", d.FollowUsers[0].UserID)
	assert.Equal(t, "inv_k7Qa9", d.FollowUsers[0].State, "the channel is the follow's state")

	l.Name, l.Users, l.Departments, l.SkipVerify = "春节任务宝", nil, []int{7}, false
	require.NoError(t, c.UpdateAcquisitionLink(ctx, *l))
	got, err := c.GetAcquisitionLink(ctx, l.LinkID)
	require.NoError(t, err)
	assert.Equal(t, "春节任务宝", got.Name)
	assert.Equal(t, []int{7}, got.Departments)
	assert.Empty(t, got.Users)
	assert.False(t, got.SkipVerify)
	assert.Equal(t, l.URL, got.URL, "the URL survives an update")

	require.NoError(t, c.DeleteAcquisitionLink(ctx, l.LinkID))
	_, err = c.GetAcquisitionLink(ctx, l.LinkID)
	assert.Equal(t, app.EINVALID, app.ErrorCode(err), "%v", err)
	_, err = c.CreateAcquisitionLink(ctx, wecom.AcquisitionLink{Name: "x", Users: []string{"nobody"}})
	assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err), "%v", err)
}

// LinkWithChannel adds customer_channel to a link's URL, keeping any
// query it has, and refuses a channel WeCom would not carry whole.
func TestLinkWithChannel(t *testing.T) {
	got, err := wecom.LinkWithChannel("https://work.weixin.qq.com/ca/cawcde1?comp_scene=E1", "inv 1")
	require.NoError(t, err)
	assert.Equal(t, "https://work.weixin.qq.com/ca/cawcde1?comp_scene=E1&customer_channel=inv+1", got)
	_, err = wecom.LinkWithChannel("https://work.weixin.qq.com/ca/cawcde1", strings.Repeat("x", 65))
	assert.Equal(t, app.EINVALID, app.ErrorCode(err))
	_, err = wecom.LinkWithChannel("not a url", "x")
	assert.Equal(t, app.EINVALID, app.ErrorCode(err))
}
