package wecom_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// A join way over two groups: a customer scanning it joins the first
// group with the way's state, which groupchat/get shows on their member
// row; once both groups hold 200, a scan makes a new group named after
// the base and adds it to the way. WeCom's refusals come back in Chinese.
func TestJoinWays(t *testing.T) {
	ctx := context.Background()
	corp := newCorp(t)
	ids := seedCustomers(t, corp, "owner1", 400)
	c := newClient(t, testkit.OpenRedis(t, testkit.RedisConfig(t, config.RedisEmbedded)), corp)
	chats := make([]string, 2)
	for i := range chats {
		var err error
		chats[i], err = corp.CreateGroup(sandbox.NewGroup{Owner: "owner1", Name: "裂变群"})
		require.NoError(t, err)
	}
	id, err := c.AddJoinWay(ctx, wecom.JoinWay{Scene: 2, AutoCreateRoom: 1, RoomBaseName: "裂变群", RoomBaseID: 3, ChatIDs: chats, State: "fis:c1"})
	require.NoError(t, err)
	jw, err := c.GetJoinWay(ctx, id)
	require.NoError(t, err)
	assert.NotEmpty(t, jw.QRCode)
	assert.Equal(t, "fis:c1", jw.State)

	joined, err := corp.JoinByJoinWay(id, ids[0])
	require.NoError(t, err)
	assert.Equal(t, chats[0], joined)
	g, err := c.GroupChat(ctx, joined, false)
	require.NoError(t, err)
	assert.Equal(t, "fis:c1", stateOf(g, ids[0]), "the state is on the member who came by the way")
	assert.Empty(t, stateOf(g, "owner1"))

	for _, chat := range chats { // fill both to the scan limit (the owner is one)
		fill := ids[1:200]
		if chat == chats[1] {
			fill = ids[200:399]
		}
		require.NoError(t, corp.JoinGroup(chat, sandbox.Join{Members: fill, JoinScene: 1, Invitor: "owner1"}))
	}
	fresh, err := corp.JoinByJoinWay(id, ids[399])
	require.NoError(t, err)
	assert.NotContains(t, chats, fresh, "a new group when all are full")
	g, err = c.GroupChat(ctx, fresh, false)
	require.NoError(t, err)
	assert.Equal(t, "裂变群3", g.Name)
	jw, err = c.GetJoinWay(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, append(chats, fresh), jw.ChatIDs)

	_, err = c.AddJoinWay(ctx, wecom.JoinWay{Scene: 2, ChatIDs: []string{"wrNoSuchGroup"}})
	assert.Equal(t, app.EINVALID, app.ErrorCode(err))
	assert.Contains(t, app.ErrorMessage(err), "不是客户群")
	require.NoError(t, c.DelJoinWay(ctx, id))
	_, err = c.GetJoinWay(ctx, id)
	assert.Error(t, err)
}

// stateOf is the state of member id in g ("" if none or absent).
func stateOf(g *wecom.GroupChat, id string) string {
	for _, m := range g.MemberList {
		if m.UserID == id {
			return m.State
		}
	}
	return ""
}
