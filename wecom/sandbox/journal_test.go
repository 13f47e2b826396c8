package sandbox_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// journaled is a live sandbox whose changes are heard as a journal would
// hear them, with the seeded demo corp.
type journaled struct {
	base, tok string
	corp      *sandbox.Corp
	fired     []sandbox.Fired
}

func newJournaled(t *testing.T) *journaled {
	j := &journaled{}
	live := sandbox.New(sandbox.Options{OnAction: func(f sandbox.Fired) { j.fired = append(j.fired, f) }})
	t.Cleanup(func() { live.Close() })
	var err error
	j.corp, err = live.AddCorp(sandbox.NewCorpConfig("demo"))
	require.NoError(t, err)
	require.NoError(t, j.corp.SeedDemo(), "seeded before it serves, as the demo is")
	j.base, err = live.Start("")
	require.NoError(t, err)
	j.tok = getFrom(t, j.base, "/cgi-bin/gettoken?corpid=demo&corpsecret="+j.corp.Config().ContactSecret)["access_token"].(string)
	return j
}

// api calls a WeCom API and returns its answer, which must carry code.
func (j *journaled) api(t *testing.T, path string, code int, body map[string]any) reply {
	t.Helper()
	r := postTo(t, j.base, "/cgi-bin/externalcontact/"+path, j.tok, body)
	require.Equal(t, code, r.code(), r)
	return r
}

// act fires an action and returns its result.
func (j *journaled) act(t *testing.T, action, body string) map[string]any {
	t.Helper()
	var res actResult
	require.Equal(t, 200, control(t, j.base, "POST", "/sandbox/corps/demo/actions/"+action, body, &res), action)
	return res.Result
}

// Contact ways, tags, mass sends and transfers a client made through the
// API are heard with the actions, in the order they applied, so a replay
// lets later actions use them and draws every id as before.
func TestReplayRebuildsAPIChanges(t *testing.T) {
	j := newJournaled(t)
	cw := j.api(t, "add_contact_way", 0, map[string]any{"type": 2, "scene": 2, "user": []string{"guide0101", "guide0102"}, "state": "c1"})
	configID := cw["config_id"].(string)
	ext1 := j.act(t, "customer-adds", `{"userid":"guide0101","config_id":"`+configID+`"}`)["external_userid"].(string)
	tag := j.api(t, "add_corp_tag", 0, map[string]any{"group_name": "渠道", "tag": []map[string]any{{"name": "扫码"}}})
	tagID := tag["tag_group"].(map[string]any)["tag"].([]any)[0].(map[string]any)["id"].(string)
	j.api(t, "mark_tag", 0, map[string]any{"userid": "guide0101", "external_userid": ext1, "add_tag": []string{tagID}})
	j.api(t, "add_msg_template", 41048, map[string]any{"external_userid": []string{"wmnobody"}, "text": map[string]any{"content": "无人可发"}})
	msg := j.api(t, "add_msg_template", 0, map[string]any{"external_userid": []string{ext1}, "sender": "guide0101", "text": map[string]any{"content": "新品"}})
	j.act(t, "member-confirms-mass-send", `{"msgid":"`+msg["msgid"].(string)+`","userid":"guide0101"}`)
	j.api(t, "transfer_customer", 0, map[string]any{"handover_userid": "guide0101", "takeover_userid": "guide0103", "external_userid": []string{ext1}})
	j.act(t, "advance", `{"duration":"25h"}`)
	j.tok = getFrom(t, j.base, "/cgi-bin/gettoken?corpid=demo&corpsecret="+j.corp.Config().ContactSecret)["access_token"].(string)
	ext2 := j.act(t, "customer-adds", `{"userid":"guide0102","name":"赵六"}`)["external_userid"].(string)
	j.api(t, "update_contact_way", 0, map[string]any{"config_id": configID, "user": []string{"guide0102"}})
	ext3 := j.act(t, "customer-adds", `{"userid":"guide0102","config_id":"`+configID+`"}`)["external_userid"].(string)

	require.Len(t, j.fired, 11, "every change that succeeded, the refused mass send left out")
	assert.Equal(t, "externalcontact/add_contact_way", j.fired[0].API)
	assert.Equal(t, j.base, j.fired[0].Base, "the address its qr_code names")
	assert.Equal(t, "customer-adds", j.fired[1].Action)

	again := sandbox.New(sandbox.Options{})
	t.Cleanup(func() { again.Close() })
	c2, err := again.AddCorp(sandbox.NewCorpConfig("demo"))
	require.NoError(t, err)
	require.NoError(t, c2.SeedDemo())
	require.Empty(t, c2.Replay(j.fired))
	want, got := j.corp.Snapshot(), c2.Snapshot()
	// Had the refused mass send kept the id it drew, every later id would
	// be one further on live than in the replay.
	assert.Equal(t, want.Customers, got.Customers, "%s, %s and %s name the same people", ext1, ext2, ext3)
	assert.Equal(t, want.Follows, got.Follows)
	assert.Equal(t, want.TagGroups, got.TagGroups)
	assert.Equal(t, want.ContactWays, got.ContactWays)
	assert.Equal(t, want.MassSends, got.MassSends)
	assert.Equal(t, want.Transfers, got.Transfers)
	f, ok := c2.Follow("guide0103", ext1)
	require.True(t, ok, "the transfer settled in the replay as it did live")
	assert.Equal(t, []string{tagID}, f.TagIDs)
	assert.WithinDuration(t, j.corp.Now(), c2.Now(), 5*time.Second)
}

// An action's answer lists the events it emitted, and the deliveries of
// just those can be asked for.
func TestActAnswersItsEvents(t *testing.T) {
	j := newJournaled(t)
	var res struct {
		Events []int64 `json:"events"`
	}
	require.Equal(t, 200, control(t, j.base, "POST", "/sandbox/corps/demo/actions/customer-adds", `{"userid":"guide0101"}`, &res))
	require.Len(t, res.Events, 1)
	require.Equal(t, 200, control(t, j.base, "POST", "/sandbox/corps/demo/actions/advance", `{"duration":"1h"}`, &res))
	assert.Empty(t, res.Events, "moving the clock emits nothing")
	j.act(t, "customer-adds", `{"userid":"guide0102"}`)

	all := j.corp.Deliveries()
	require.Len(t, all, 2)
	var picked []sandbox.Delivery
	require.Equal(t, 200, control(t, j.base, "GET", "/sandbox/corps/demo/deliveries?events=1", "", &picked))
	require.Len(t, picked, 1)
	assert.Equal(t, all[0].Event.XML, picked[0].Event.XML)
	assert.Equal(t, sandbox.DeliveryNoURL, picked[0].State)
}
