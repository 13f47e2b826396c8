package wecom_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// The reply figures WeCom leaves out (no chat a customer began) stay nil,
// apart from a 0% reply; days are Beijing days, one entry each.
func TestUserBehaviorData(t *testing.T) {
	ctx := context.Background()
	corp := newCorp(t)
	require.NoError(t, corp.AddMember(sandbox.Member{UserID: "g1", Name: "g1", ContactEnabled: true}))
	c := newClient(t, testkit.OpenRedis(t, testkit.RedisConfig(t, config.RedisEmbedded)), corp)
	day := func(n int) time.Time { return corp.Now().AddDate(0, 0, -n) }
	corp.SetBehavior("g1", day(3), sandbox.Behavior{ChatCnt: 3, MessageCnt: 5, CustomerChats: 2, NegativeFeedbackCnt: 1})
	corp.SetBehavior("g1", day(2), sandbox.Behavior{ChatCnt: 2, MessageCnt: 2})
	corp.SetBehavior("g1", day(1), sandbox.Behavior{ChatCnt: 9, MessageCnt: 30, CustomerChats: 4, ReplyPercentage: 87.5, AvgReplyTime: 12,
		NewApplyCnt: 2, NewContactCnt: 7})

	got, err := c.UserBehaviorData(ctx, wecom.BehaviorRequest{UserIDs: []string{"g1"}, From: wecom.StatsDay(day(3)), To: wecom.StatsDay(day(1))})
	require.NoError(t, err)
	require.Len(t, got, 3)
	zero, pct, mins := 0.0, 87.5, 12.0
	assert.Equal(t, wecom.Behavior{Day: wecom.StatsDay(day(3)), ChatCnt: 3, MessageCnt: 5, ReplyPercentage: &zero, AvgReplyTime: &zero,
		NegativeFeedbackCnt: 1}, got[0], "a 0% reply is answered")
	assert.Equal(t, wecom.Behavior{Day: wecom.StatsDay(day(2)), ChatCnt: 2, MessageCnt: 2}, got[1], "no reply figures: nil, not 0")
	assert.Equal(t, wecom.Behavior{Day: wecom.StatsDay(day(1)), ChatCnt: 9, MessageCnt: 30, ReplyPercentage: &pct, AvgReplyTime: &mins,
		NewApplyCnt: 2, NewContactCnt: 7}, got[2])
	calls := corp.BehaviorCalls()
	require.Len(t, calls, 1)
	assert.Equal(t, wecom.StatsDay(day(3)), wecom.StatsDay(calls[0].Start))
	assert.Equal(t, 0, calls[0].Start.In(time.FixedZone("", 8*3600)).Hour(), "whole days, Beijing midnight, in seconds")

	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := c.UserBehaviorData(ctx, wecom.BehaviorRequest{UserIDs: []string{"g1"}, From: wecom.StatsDay(day(40)), To: wecom.StatsDay(day(1))})
		assert.Equal(t, app.EINVALID, app.ErrorCode(err), "over 30 days")
		assert.Equal(t, 40058, wecom.ErrCode(err))
		_, err = c.UserBehaviorData(ctx, wecom.BehaviorRequest{UserIDs: []string{"g1"}, From: "yesterday", To: wecom.StatsDay(day(1))})
		assert.Equal(t, app.EINVALID, app.ErrorCode(err))
		assert.Len(t, corp.BehaviorCalls(), 1, "a bad day is refused before any call")
	})
}
