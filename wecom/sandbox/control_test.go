package sandbox_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// control calls the control API of the sandbox at base over HTTP and
// decodes the answer into out (when not nil).
func control(t *testing.T, base, method, path, body string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, base+path, strings.NewReader(body))
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"))
	if out != nil {
		require.NoError(t, json.NewDecoder(resp.Body).Decode(out))
	}
	return resp.StatusCode
}

type actResult struct {
	Action string         `json:"action"`
	Result map[string]any `json:"result"`
}

func TestControlActionChangesStateAndDelivers(t *testing.T) {
	c := guideCorp(t)
	rc := newReceiver(t, c, nil)
	var res actResult
	status := control(t, baseURL, "POST", "/sandbox/corps/"+c.ID()+"/actions/customer-adds",
		`{"userid":"zhangsan","name":"王女士","state":"store01"}`, &res)
	require.Equal(t, http.StatusOK, status, res)
	ext, _ := res.Result["external_userid"].(string)
	require.NotEmpty(t, ext)
	assert.NotEmpty(t, res.Result["welcome_code"], "a first add carries a welcome code")

	f, ok := c.Follow("zhangsan", ext)
	require.True(t, ok, "the sandbox now holds the relation")
	assert.Equal(t, "store01", f.State)
	var follows []sandbox.Follow
	require.Equal(t, http.StatusOK, control(t, baseURL, "GET", "/sandbox/corps/"+c.ID()+"/follows?external_userid="+ext, "", &follows))
	require.Len(t, follows, 1)
	assert.Equal(t, "zhangsan", follows[0].UserID)

	require.Equal(t, http.StatusOK, control(t, baseURL, "POST", "/sandbox/corps/"+c.ID()+"/actions/customer-deletes",
		`{"userid":"zhangsan","external_userid":"`+ext+`"}`, nil))
	waitAll(t, c)
	x := rc.xmls()
	require.Len(t, x, 2, "each action delivered its signed callback")
	assert.Contains(t, x[0], "<ChangeType><![CDATA[add_external_contact]]></ChangeType>")
	assert.Contains(t, x[0], "<State><![CDATA[store01]]></State>")
	assert.Contains(t, x[1], "<ChangeType><![CDATA[del_follow_user]]></ChangeType>")
	for _, r := range rc.all() {
		assert.True(t, r.Verified, "msg_signature checks out")
	}
	_, ok = c.Follow("zhangsan", ext)
	assert.False(t, ok)
}

func TestControlRefusesBadRequests(t *testing.T) {
	c := guideCorp(t)
	chat, err := c.CreateGroup(sandbox.NewGroup{Owner: "zhangsan", Name: "福利群"})
	require.NoError(t, err)
	corp := "/sandbox/corps/" + c.ID()
	tests := []struct {
		name, method, path, body string
		status                   int
		message                  string
	}{
		{"missing parameter", "POST", corp + "/actions/customer-adds", `{}`, 400, "缺少参数 userid (missing parameter userid)"},
		{"unknown parameter", "POST", corp + "/actions/customer-adds", `{"userid":"zhangsan","colour":"red"}`, 400, "未知参数 colour"},
		{"wrong type", "POST", corp + "/actions/customer-adds", `{"userid":"zhangsan","add_way":"two"}`, 400, "参数 add_way 应为 整数"},
		{"empty list", "POST", corp + "/actions/join-group", `{"chat_id":"` + chat + `","members":[]}`, 400, "members"},
		{"bad duration", "POST", corp + "/actions/advance", `{"duration":"-3h"}`, 400, "duration"},
		{"not json", "POST", corp + "/actions/customer-adds", `userid=zhangsan`, 400, "JSON"},
		{"unknown action", "POST", corp + "/actions/customer-sings", `{}`, 404, "未知动作 customer-sings"},
		{"unknown corp", "POST", "/sandbox/corps/wwnobody/actions/customer-adds", `{"userid":"zhangsan"}`, 404, "wwnobody"},
		{"unknown member", "POST", corp + "/actions/customer-adds", `{"userid":"lisi"}`, 404, "lisi"},
		{"relation that does not exist", "POST", corp + "/actions/customer-deletes", `{"userid":"zhangsan","external_userid":"wmnobody"}`, 404, "not found"},
		{"already in the group", "POST", corp + "/actions/join-group", `{"chat_id":"` + chat + `","members":["zhangsan"]}`, 409, "already in group"},
		{"unknown kind", "GET", corp + "/orders", "", 404, "unknown kind"},
		{"unknown route", "GET", "/sandbox/nothing", "", 404, "no such control route"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body sandbox.ControlErrorBody
			assert.Equal(t, tt.status, control(t, baseURL, tt.method, tt.path, tt.body, &body))
			assert.Contains(t, body.Error.Message, tt.message)
		})
	}
	assert.Len(t, c.Events(), 1, "only the group creation made an event")
}

func TestControlLists(t *testing.T) {
	c := newCorp(t)
	require.NoError(t, c.SeedDemo())
	corp := "/sandbox/corps/" + c.ID()
	var info sandbox.CorpInfo
	require.Equal(t, http.StatusOK, control(t, baseURL, "GET", corp, "", &info))
	assert.Equal(t, c.Config().ContactSecret, info.ContactSecret)
	assert.Equal(t, c.Config().EncodingAESKey, info.EncodingAESKey)

	snap := c.Snapshot()
	var members []sandbox.Member
	require.Equal(t, http.StatusOK, control(t, baseURL, "GET", corp+"/members", "", &members))
	assert.Equal(t, snap.Members, members)
	var follows []sandbox.Follow
	require.Equal(t, http.StatusOK, control(t, baseURL, "GET", corp+"/follows?userid=guide0101", "", &follows))
	require.NotEmpty(t, follows)
	for _, f := range follows {
		assert.Equal(t, "guide0101", f.UserID)
	}
	var groups []sandbox.Group
	require.Equal(t, http.StatusOK, control(t, baseURL, "GET", corp+"/groups", "", &groups))
	assert.Len(t, groups, 4)
	var tags []sandbox.TagGroup
	require.Equal(t, http.StatusOK, control(t, baseURL, "GET", corp+"/tags", "", &tags))
	assert.Equal(t, snap.TagGroups, tags)
	var actions []sandbox.Action
	require.Equal(t, http.StatusOK, control(t, baseURL, "GET", "/sandbox/actions", "", &actions))
	require.Len(t, actions, len(sandbox.Actions()))
	for i, a := range sandbox.Actions() {
		assert.Equal(t, a.Name, actions[i].Name)
		assert.Equal(t, a.Params, actions[i].Params)
	}
	var ids []string
	require.Equal(t, http.StatusOK, control(t, baseURL, "GET", "/sandbox/corps", "", &ids))
	assert.Contains(t, ids, c.ID())
}

// Actions heard by OnAction and replayed into a corp seeded the same way
// give the same state, ids included.
func TestReplayRebuildsTheSameState(t *testing.T) {
	var fired []sandbox.Fired
	live := sandbox.New(sandbox.Options{OnAction: func(f sandbox.Fired) { fired = append(fired, f) }})
	base, err := live.Start("")
	require.NoError(t, err)
	t.Cleanup(func() { live.Close() })
	c, err := live.AddCorp(sandbox.NewCorpConfig("demo"))
	require.NoError(t, err)
	require.NoError(t, c.SeedDemo())

	var added actResult
	require.Equal(t, 200, control(t, base, "POST", "/sandbox/corps/demo/actions/customer-adds", `{"userid":"guide0101","state":"store01"}`, &added))
	ext := added.Result["external_userid"].(string)
	chat := c.Snapshot().Groups[0].ChatID
	for _, step := range [][2]string{
		{"advance", `{"duration":"2h"}`},
		{"join-group", `{"chat_id":"` + chat + `","members":["` + ext + `"],"join_scene":3,"state":"tuan01"}`},
		{"tag-group-create", `{"name":"活动","tags":["双十一","年货节"]}`},
		{"member-edits", `{"userid":"guide0101","external_userid":"` + ext + `","remark":"新客"}`},
		{"customer-adds", `{"userid":"guide0102","name":"赵六"}`},
		{"member-deletes", `{"userid":"guide0101","external_userid":"` + ext + `"}`},
	} {
		require.Equal(t, 200, control(t, base, "POST", "/sandbox/corps/demo/actions/"+step[0], step[1], nil), step[0])
	}
	require.Len(t, fired, 7, "every successful action was heard, in order")
	assert.Equal(t, "customer-adds", fired[0].Action)
	assert.Equal(t, "advance", fired[1].Action)
	assert.Greater(t, fired[1].Offset, fired[0].Offset+119*60e9, "the advance shows in the offset")

	again := sandbox.New(sandbox.Options{})
	t.Cleanup(func() { again.Close() })
	c2, err := again.AddCorp(sandbox.NewCorpConfig("demo"))
	require.NoError(t, err)
	require.NoError(t, c2.SeedDemo())
	require.Empty(t, c2.Replay(fired))
	want, got := c.Snapshot(), c2.Snapshot()
	assert.Equal(t, want.Customers, got.Customers)
	assert.Equal(t, want.Follows, got.Follows)
	assert.Equal(t, want.Groups, got.Groups)
	assert.Equal(t, want.TagGroups, got.TagGroups)
	assert.WithinDuration(t, c.Now(), c2.Now(), 5e9, "the clock carries the advance")
}

func TestActionsAreDocumented(t *testing.T) {
	for _, a := range sandbox.Actions() {
		assert.NotEmpty(t, a.Help, a.Name)
		assert.True(t, bytes.ContainsAny([]byte(a.Help), "/"), "%s: help is bilingual", a.Name)
		for _, p := range a.Params {
			assert.NotEmpty(t, p.Help, "%s.%s", a.Name, p.Name)
		}
	}
}
