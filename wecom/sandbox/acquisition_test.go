package sandbox_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// A 获客链接 over a member and a department: create answers its URL, get
// its range; a click with ?customer_channel=x adds a member of the link
// (in turn when none is named) and the add's callback and
// externalcontact/get carry x as the state; update and delete take effect.
func TestAcquisitionLinks(t *testing.T) {
	c := guideCorp(t) // zhangsan in department 1
	require.NoError(t, c.AddMember(sandbox.Member{UserID: "lisi", Name: "李四", Departments: []int{2}, ContactEnabled: true}))
	require.NoError(t, c.AddMember(sandbox.Member{UserID: "wangwu", Name: "王五", Departments: []int{3}, ContactEnabled: true}))
	rc := newReceiver(t, c, nil)
	tok := token(t, c)
	r := post(t, "/cgi-bin/externalcontact/customer_acquisition/create_link", tok,
		`{"link_name":"任务宝","range":{"user_list":["zhangsan"],"department_list":[2]}}`)
	require.Equal(t, 0, r.code(), r)
	link := r["link"].(map[string]any)
	id, linkURL := link["link_id"].(string), link["url"].(string)
	assert.True(t, strings.HasSuffix(linkURL, "/ca/"+id), linkURL)

	r = post(t, "/cgi-bin/externalcontact/customer_acquisition/get", tok, map[string]string{"link_id": id})
	require.Equal(t, 0, r.code(), r)
	assert.Equal(t, true, r["skip_verify"], "skip_verify defaults to true")
	assert.Equal(t, []string{"zhangsan"}, strs(r["range"].(map[string]any)["user_list"]))

	var res actResult
	require.Equal(t, http.StatusOK, control(t, baseURL, "POST", "/sandbox/corps/"+c.ID()+"/actions/customer-clicks-link",
		`{"url":"`+linkURL+`?customer_channel=inv_k7Qa9","name":"赵女士"}`, &res), res)
	ext := res.Result["external_userid"].(string)
	second, err := c.AddByLink(linkURL+"?customer_channel=inv_b2", "", sandbox.Customer{})
	require.NoError(t, err)
	f, ok := c.Follow("zhangsan", ext)
	require.True(t, ok, "the first click reaches the first member")
	assert.Equal(t, "inv_k7Qa9", f.State)
	f, ok = c.Follow("lisi", second.ExternalUserID)
	require.True(t, ok, "the next click the next member (by department)")
	assert.Equal(t, "inv_b2", f.State)

	got := get(t, "/cgi-bin/externalcontact/get", url.Values{"access_token": {tok}, "external_userid": {ext}})
	require.Equal(t, 0, got.code(), got)
	assert.Equal(t, "inv_k7Qa9", got["follow_user"].([]any)[0].(map[string]any)["state"])
	waitAll(t, c)
	x := rc.xmls()
	require.Len(t, x, 2)
	assert.Contains(t, x[0], "<ChangeType><![CDATA[add_external_contact]]></ChangeType>")
	assert.Contains(t, x[0], "<State><![CDATA[inv_k7Qa9]]></State>")

	_, err = c.AddByLink(linkURL, "wangwu", sandbox.Customer{})
	assert.Error(t, err, "wangwu is not on the link")
	_, err = c.AddByLink(linkURL+"?customer_channel="+strings.Repeat("x", 65), "zhangsan", sandbox.Customer{})
	assert.Error(t, err, "a channel over 64 bytes")

	r = post(t, "/cgi-bin/externalcontact/customer_acquisition/update_link", tok,
		`{"link_id":"`+id+`","range":{"user_list":["wangwu"]},"skip_verify":false}`)
	require.Equal(t, 0, r.code(), r)
	out, err := c.AddByLink(linkURL+"?customer_channel=inv_c3", "", sandbox.Customer{})
	require.NoError(t, err)
	_, ok = c.Follow("wangwu", out.ExternalUserID)
	assert.True(t, ok, "the new range")
	r = post(t, "/cgi-bin/externalcontact/customer_acquisition/get", tok, map[string]string{"link_id": id})
	assert.Equal(t, "任务宝", r["link"].(map[string]any)["link_name"], "a field left out is kept")
	assert.Equal(t, false, r["skip_verify"])

	require.Equal(t, 0, post(t, "/cgi-bin/externalcontact/customer_acquisition/delete_link", tok, map[string]string{"link_id": id}).code())
	_, err = c.AddByLink(linkURL, "", sandbox.Customer{})
	assert.ErrorIs(t, err, sandbox.ErrNotFound, "a deleted link reaches no one")
	assert.Equal(t, 40058, post(t, "/cgi-bin/externalcontact/customer_acquisition/get", tok, map[string]string{"link_id": id}).code())
}

// create_link refuses what WeCom refuses: no name or range, a member
// without 客户联系, an empty range.
func TestAcquisitionLinkRefusals(t *testing.T) {
	c := guideCorp(t)
	tok := token(t, c)
	tests := []struct {
		name, body string
		code       int
	}{
		{name: "NoName", body: `{"range":{"user_list":["zhangsan"]}}`, code: 40058},
		{name: "NoRange", body: `{"link_name":"x"}`, code: 40058},
		{name: "EmptyRange", body: `{"link_name":"x","range":{}}`, code: 40058},
		{name: "UnknownMember", body: `{"link_name":"x","range":{"user_list":["nobody"]}}`, code: 60111},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.code, post(t, "/cgi-bin/externalcontact/customer_acquisition/create_link", tok, tt.body).code())
		})
	}
}
