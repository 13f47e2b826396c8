package sandbox_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

func TestWireQuirksAccepted(t *testing.T) {
	c := demoCorp(t)
	tok := token(t, c)
	ext := strs(get(t, "/cgi-bin/externalcontact/list", url.Values{"access_token": {tok}, "userid": {"guide0101"}})["external_userid"])[0]
	tests := []struct {
		name string
		path string
		body string
	}{
		{"NullArraysInTagList", "/cgi-bin/externalcontact/get_corp_tag_list", `{"tag_id":null,"group_id":null}`},
		{"UnknownKeys", "/cgi-bin/externalcontact/get_corp_tag_list", `{"agent_id":"","whatever":{"x":1}}`},
		{"NullRemoveTag", "/cgi-bin/externalcontact/mark_tag", `{"userid":"guide0101","external_userid":"` + ext + `","add_tag":null,"remove_tag":null}`},
		{"NullOwnerFilter", "/cgi-bin/externalcontact/groupchat/list", `{"status_filter":0,"owner_filter":{"userid_list":null},"cursor":"","limit":10}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, 0, post(t, tt.path, tok, tt.body).code())
		})
	}
	t.Run("EmptyCursorOnGet", func(t *testing.T) {
		r := get(t, "/cgi-bin/externalcontact/get", url.Values{"access_token": {tok}, "external_userid": {ext}, "cursor": {""}})
		assert.Equal(t, 0, r.code())
	})
}

func TestWireErrors(t *testing.T) {
	c := demoCorp(t)
	tok := token(t, c)
	q := func(kv ...string) url.Values {
		v := url.Values{"access_token": {tok}}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	t.Run("ErrUnknownMember", func(t *testing.T) {
		assert.Equal(t, 60111, get(t, "/cgi-bin/externalcontact/list", q("userid", "nobody")).code())
	})
	t.Run("ErrMissingExternalUserID", func(t *testing.T) {
		assert.Equal(t, 41035, get(t, "/cgi-bin/externalcontact/get", q()).code())
	})
	t.Run("ErrBadJSON", func(t *testing.T) {
		assert.Equal(t, 47001, post(t, "/cgi-bin/externalcontact/groupchat/get", tok, "{not json").code())
	})
	t.Run("ErrGetOnPostAPI", func(t *testing.T) {
		assert.Equal(t, 43002, get(t, "/cgi-bin/externalcontact/groupchat/list", q()).code())
	})
	t.Run("ErrBadCursor", func(t *testing.T) {
		r := post(t, "/cgi-bin/externalcontact/batch/get_by_user", tok, map[string]any{"userid_list": []string{"guide0101"}, "cursor": "garbage!"})
		assert.Equal(t, 40058, r.code())
	})
	t.Run("ErrTooManyUsers", func(t *testing.T) {
		users := make([]string, 101)
		for i := range users {
			users[i] = "guide0101"
		}
		assert.NotEqual(t, 0, post(t, "/cgi-bin/externalcontact/batch/get_by_user", tok, map[string]any{"userid_list": users}).code())
	})
	t.Run("UnknownPath404", func(t *testing.T) {
		resp, err := http.Get(baseURL + "/cgi-bin/nothing/here")
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	})
}

func TestBatchLimitClamped(t *testing.T) {
	c := newCorp(t)
	users, err := c.SeedBulk(sandbox.Bulk{Members: 1, Customers: 250})
	require.NoError(t, err)
	tok := token(t, c)
	for _, tt := range []struct {
		name  string
		limit int
		want  int
	}{{"Default50", 0, 50}, {"Max100", 500, 100}, {"Asked", 7, 7}} {
		t.Run(tt.name, func(t *testing.T) {
			r := post(t, "/cgi-bin/externalcontact/batch/get_by_user", tok, map[string]any{"userid_list": users, "limit": tt.limit})
			require.Equal(t, 0, r.code())
			assert.Len(t, r["external_contact_list"], tt.want)
			assert.NotEmpty(t, r["next_cursor"])
		})
	}
}

func TestListEmptyQuirk(t *testing.T) {
	c := guideCorp(t)
	tok := token(t, c)
	r := get(t, "/cgi-bin/externalcontact/list", url.Values{"access_token": {tok}, "userid": {"zhangsan"}})
	assert.Equal(t, 0, r.code())
	assert.Empty(t, r["external_userid"])

	quirky := sandbox.New(sandbox.Options{Quirks: sandbox.Quirks{ListEmpty84061: true}})
	defer quirky.Close()
	url2, err := quirky.Start("")
	require.NoError(t, err)
	qc, err := quirky.AddCorp(sandbox.NewCorpConfig("wwquirky"))
	require.NoError(t, err)
	require.NoError(t, qc.AddMember(sandbox.Member{UserID: "zhangsan", ContactEnabled: true}))
	resp, err := http.Get(url2 + "/cgi-bin/gettoken?corpid=wwquirky&corpsecret=" + qc.Config().ContactSecret)
	require.NoError(t, err)
	tok2 := decode(t, resp)["access_token"].(string)
	resp, err = http.Get(url2 + "/cgi-bin/externalcontact/list?userid=zhangsan&access_token=" + tok2)
	require.NoError(t, err)
	assert.Equal(t, 84061, decode(t, resp).code())
}
