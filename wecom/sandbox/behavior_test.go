package sandbox_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

const apiBehavior = "/cgi-bin/externalcontact/get_user_behavior_data"

// beijing is WeCom's statistics zone.
func beijing() *time.Location { return time.FixedZone("CST", 8*3600) }

// behaviorCorp is a corp with zhangsan and lisi (客户联系, department 1)
// and wangwu (department 2, no 客户联系).
func behaviorCorp(t *testing.T) (*sandbox.Corp, string) {
	c := guideCorp(t)
	require.NoError(t, c.AddMember(sandbox.Member{UserID: "lisi", Name: "李四", Departments: []int{1}, ContactEnabled: true}))
	require.NoError(t, c.AddMember(sandbox.Member{UserID: "wangwu", Name: "王五", Departments: []int{2}}))
	return c, token(t, c)
}

// midnight is the start of the Beijing day days before the corp's today.
func midnight(c *sandbox.Corp, days int) time.Time {
	n := c.Now().In(beijing())
	return time.Date(n.Year(), n.Month(), n.Day()-days, 0, 0, 0, 0, beijing())
}

func behaviorBody(users []string, parties []int, start, end int64) map[string]any {
	return map[string]any{"userid": users, "partyid": parties, "start_time": start, "end_time": end}
}

func TestBehaviorRefusesBadRequests(t *testing.T) {
	c, tok := behaviorCorp(t)
	from, to := midnight(c, 10).Unix(), midnight(c, 1).Unix()
	many := make([]string, 101)
	parties := make([]int, 101)
	for i := range many {
		many[i], parties[i] = fmt.Sprintf("u%d", i), i
	}
	for _, tc := range []struct {
		name string
		body map[string]any
		code int
	}{
		{"ErrNoOne", behaviorBody(nil, nil, from, to), 40058},
		{"ErrTooManyUsers", behaviorBody(many, nil, from, to), 40058},
		{"ErrTooManyParties", behaviorBody(nil, parties, from, to), 40058},
		{"ErrMilliseconds", behaviorBody([]string{"zhangsan"}, nil, from*1000, to*1000), 600018},
		{"ErrNoStart", behaviorBody([]string{"zhangsan"}, nil, 0, to), 40058},
		{"ErrEndBeforeStart", behaviorBody([]string{"zhangsan"}, nil, to, from), 40058},
		{"ErrOver30Days", behaviorBody([]string{"zhangsan"}, nil, midnight(c, 40).Unix(), midnight(c, 40).Unix()+30*86400+1), 40058},
		{"ErrOver180DaysAgo", behaviorBody([]string{"zhangsan"}, nil, midnight(c, 181).Unix(), midnight(c, 175).Unix()), 40058},
		{"OK30Days", behaviorBody([]string{"zhangsan"}, nil, midnight(c, 40).Unix(), midnight(c, 10).Unix()), 0},
		{"OK180DaysAgo", behaviorBody([]string{"zhangsan"}, nil, midnight(c, 180).Unix(), midnight(c, 175).Unix()), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.code, post(t, apiBehavior, tok, tc.body).code())
		})
	}
	assert.Len(t, c.BehaviorCalls(), 2, "only the answered requests are logged")
}

func TestBehaviorDailyBucketsMergeMembers(t *testing.T) {
	c, tok := behaviorCorp(t)
	day := midnight(c, 3)
	c.SetBehavior("zhangsan", day, sandbox.Behavior{ChatCnt: 4, MessageCnt: 10, CustomerChats: 1, ReplyPercentage: 100, AvgReplyTime: 10,
		NegativeFeedbackCnt: 1, NewApplyCnt: 2, NewContactCnt: 3})
	c.SetBehavior("lisi", day, sandbox.Behavior{ChatCnt: 6, MessageCnt: 20, CustomerChats: 3, ReplyPercentage: 50, AvgReplyTime: 2, NewContactCnt: 1})
	c.SetBehavior("zhangsan", day.AddDate(0, 0, 1), sandbox.Behavior{ChatCnt: 2, MessageCnt: 2})
	c.SetBehavior("lisi", day.AddDate(0, 0, 1), sandbox.Behavior{ChatCnt: 1, MessageCnt: 1})
	// From 15:00 (floored to the day) to the next midnight: both days.
	for _, body := range []map[string]any{
		behaviorBody([]string{"zhangsan", "lisi", "nobody"}, nil, day.Add(15*time.Hour).Unix(), day.AddDate(0, 0, 1).Unix()),
		behaviorBody(nil, []int{1}, day.Add(15*time.Hour).Unix(), day.AddDate(0, 0, 1).Unix()),
	} {
		r := post(t, apiBehavior, tok, body)
		require.Equal(t, 0, r.code(), r)
		data := r["behavior_data"].([]any)
		require.Len(t, data, 2, "one merged series, one entry a day")
		first, second := data[0].(map[string]any), data[1].(map[string]any)
		assert.EqualValues(t, day.Unix(), first["stat_time"])
		assert.EqualValues(t, 10, first["chat_cnt"])
		assert.EqualValues(t, 30, first["message_cnt"])
		assert.EqualValues(t, 1, first["negative_feedback_cnt"])
		assert.EqualValues(t, 2, first["new_apply_cnt"])
		assert.EqualValues(t, 4, first["new_contact_cnt"])
		assert.InDelta(t, (100*1+50*3)/4.0, first["reply_percentage"], 0.001, "weighed by the chats customers began")
		assert.EqualValues(t, 4, first["avg_reply_time"], "(10×1 + 2×3) / 4")
		assert.EqualValues(t, day.AddDate(0, 0, 1).Unix(), second["stat_time"])
		assert.EqualValues(t, 3, second["chat_cnt"])
		assert.NotContains(t, second, "reply_percentage", "no chat a customer began")
		assert.NotContains(t, second, "avg_reply_time")
	}
	calls := c.BehaviorCalls()
	require.Len(t, calls, 2)
	assert.Equal(t, []string{"zhangsan", "lisi", "nobody"}, calls[0].UserIDs)
	assert.Equal(t, []int{1}, calls[1].PartyIDs)
}

func TestBehaviorCountsAddsAndDeletions(t *testing.T) {
	c, tok := behaviorCorp(t)
	var exts []string
	for range 3 {
		a, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan"})
		require.NoError(t, err)
		exts = append(exts, a.ExternalUserID)
	}
	require.NoError(t, c.CustomerDeletesMember("zhangsan", exts[0]))
	require.NoError(t, c.MemberDeletesCustomer("zhangsan", exts[1], ""))
	require.NoError(t, c.MemberChats("zhangsan", exts[2]))
	got := c.BehaviorOf("zhangsan", c.Now())
	assert.Equal(t, sandbox.Behavior{ChatCnt: 1, MessageCnt: 1, NegativeFeedbackCnt: 1, NewContactCnt: 3}, got,
		"adds are new contacts; only the customer deleting the member is negative feedback")
	r := post(t, apiBehavior, tok, behaviorBody([]string{"zhangsan"}, nil, c.Now().Unix(), c.Now().Unix()))
	require.Equal(t, 0, r.code(), r)
	today := r["behavior_data"].([]any)[0].(map[string]any)
	assert.EqualValues(t, 3, today["new_contact_cnt"])
	assert.EqualValues(t, 1, today["negative_feedback_cnt"])
}

func TestBehaviorMadeUpFiguresAreStable(t *testing.T) {
	c, tok := behaviorCorp(t)
	var quiet, noReply, zeroReply, replied int
	for d := 1; d <= 60; d++ {
		b := c.BehaviorOf("zhangsan", midnight(c, d))
		switch {
		case b.ChatCnt == 0:
			quiet++
		case !b.HasReply():
			noReply++
		case b.ReplyPercentage == 0:
			zeroReply++
		default:
			replied++
		}
		assert.LessOrEqual(t, b.CustomerChats, b.ChatCnt)
		assert.GreaterOrEqual(t, b.MessageCnt, b.ChatCnt)
	}
	assert.Positive(t, quiet)
	assert.Positive(t, noReply)
	assert.Positive(t, zeroReply, "a 0% reply is answered, unlike no reply")
	assert.Positive(t, replied)
	assert.Equal(t, sandbox.Behavior{}, c.BehaviorOf("zhangsan", c.Now()), "today has only what happened")
	assert.Equal(t, sandbox.Behavior{}, c.BehaviorOf("wangwu", midnight(c, 1)), "no 客户联系, no chats")

	// The API answers the same figures, call after call.
	body := behaviorBody([]string{"zhangsan"}, nil, midnight(c, 30).Unix(), midnight(c, 1).Unix())
	first, again := post(t, apiBehavior, tok, body), post(t, apiBehavior, tok, body)
	assert.Equal(t, first["behavior_data"], again["behavior_data"])
	for i, e := range first["behavior_data"].([]any) {
		b := c.BehaviorOf("zhangsan", midnight(c, 30-i))
		assert.EqualValues(t, b.ChatCnt, e.(map[string]any)["chat_cnt"])
		_, has := e.(map[string]any)["reply_percentage"]
		assert.Equal(t, b.HasReply(), has)
	}
}

func TestBehaviorControlAction(t *testing.T) {
	c, _ := behaviorCorp(t)
	day := midnight(c, 2)
	_, err := sb.Act(c.ID(), "member-behavior", []byte(`{"userid":"zhangsan","day":"`+day.Format(time.DateOnly)+
		`","chat_cnt":5,"message_cnt":8,"customer_chats":2,"reply_percentage":"87.5","avg_reply_time":7,"new_contact_cnt":1}`))
	require.NoError(t, err)
	assert.Equal(t, sandbox.Behavior{ChatCnt: 5, MessageCnt: 8, CustomerChats: 2, ReplyPercentage: 87.5, AvgReplyTime: 7, NewContactCnt: 1},
		c.BehaviorOf("zhangsan", day.Add(20*time.Hour)))
	var arg *sandbox.ArgError
	_, err = sb.Act(c.ID(), "member-behavior", []byte(`{"userid":"zhangsan","day":"yesterday"}`))
	assert.True(t, errors.As(err, &arg), err)
	_, err = sb.Act(c.ID(), "member-behavior", []byte(`{"userid":"zhangsan","day":"2026-01-01","reply_percentage":"most"}`))
	assert.True(t, errors.As(err, &arg), err)
}
