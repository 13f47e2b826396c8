package wecom_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// appClient is corp's self-built app client, which sends app messages.
func appClient(t *testing.T, r *kv.Redis, corp *sandbox.Corp) *wecom.Client {
	cfg := corp.Config()
	c, err := wecom.NewClient(r.Client, wecom.Corp{ID: cfg.CorpID, Secret: cfg.AppSecret, AgentID: strconv.Itoa(cfg.AgentID)},
		wecom.WithBackoff(fastBackoff()))
	require.NoError(t, err)
	return c
}

// message/send delivers text and textcards to members; unknown members
// come back in the answer; a member's 31st message in a minute (and
// 1,001st in an hour) is answered ok and dropped, and so is the same
// request again under the duplicate check, as WeCom does.
func TestSendAppMessage(t *testing.T) {
	testkit.EachRedis(t, func(t *testing.T, r *kv.Redis) {
		ctx := context.Background()
		corp := newCorp(t)
		require.NoError(t, corp.AddMember(sandbox.Member{UserID: "g1", Name: "g1"}))
		c := appClient(t, r, corp)

		res, err := c.SendAppMessage(ctx, wecom.AppMessage{ToUsers: []string{"g1", "Nobody"}, Title: "待办提醒", Text: "3 项待办", URL: "https://siyu.example/panel/tasks"})
		require.NoError(t, err)
		assert.Equal(t, []string{"nobody"}, res.InvalidUsers)
		assert.NotEmpty(t, res.MsgID)
		_, err = c.SendAppMessage(ctx, wecom.AppMessage{ToUsers: []string{"nobody"}, Text: "x"})
		assert.Equal(t, 81013, wecom.ErrCode(err))

		dup := wecom.AppMessage{ToUsers: []string{"g1"}, Text: "同一条", DuplicateCheck: true, DuplicateInterval: 600}
		for range 2 {
			_, err = c.SendAppMessage(ctx, dup)
			require.NoError(t, err)
		}
		for i := range 30 {
			_, err = c.SendAppMessage(ctx, wecom.AppMessage{ToUsers: []string{"g1"}, Text: "第" + strconv.Itoa(i) + "条"})
			require.NoError(t, err, "dropped messages are answered ok")
		}
		got := corp.AppMessages()
		require.Len(t, got, 33)
		assert.Equal(t, "textcard", got[0].MsgType)
		assert.Equal(t, "https://siyu.example/panel/tasks", got[0].URL)
		assert.Equal(t, "", got[1].Dropped)
		assert.Equal(t, sandbox.AppMsgDroppedDuplicate, got[2].Dropped)
		delivered := 0
		for _, m := range got {
			if m.Dropped == "" {
				delivered++
			}
		}
		assert.Equal(t, sandbox.AppMsgPerMinute, delivered, "the 31st in a minute is dropped")
		assert.Equal(t, sandbox.AppMsgDroppedRate, got[32].Dropped)

		corp.Advance(time.Minute)
		_, err = c.SendAppMessage(ctx, dup)
		require.NoError(t, err)
		assert.Equal(t, sandbox.AppMsgDroppedDuplicate, corp.AppMessages()[33].Dropped, "still inside its 600 s")
		corp.Advance(10 * time.Minute)
		_, err = c.SendAppMessage(ctx, dup)
		require.NoError(t, err)
		assert.Equal(t, "", corp.AppMessages()[34].Dropped, "a new window")
	})
}

// The hour's share: 1,000 messages to a member within an hour, 30 a
// minute, and the next is dropped until the first leaves the hour.
func TestSendAppMessageHourLimit(t *testing.T) {
	testkit.EachRedis(t, func(t *testing.T, r *kv.Redis) {
		ctx := context.Background()
		corp := newCorp(t)
		require.NoError(t, corp.AddMember(sandbox.Member{UserID: "g1", Name: "g1"}))
		c := appClient(t, r, corp)
		for i := range sandbox.AppMsgPerHour + 1 {
			if i > 0 && i%sandbox.AppMsgPerMinute == 0 {
				corp.Advance(time.Minute)
			}
			_, err := c.SendAppMessage(ctx, wecom.AppMessage{ToUsers: []string{"g1"}, Text: "第" + strconv.Itoa(i) + "条"})
			require.NoError(t, err)
		}
		got := corp.AppMessages()
		require.Len(t, got, sandbox.AppMsgPerHour+1)
		assert.Equal(t, "", got[sandbox.AppMsgPerHour-1].Dropped)
		assert.Equal(t, sandbox.AppMsgDroppedRate, got[sandbox.AppMsgPerHour].Dropped, "the 1,001st in the hour")
	})
}
