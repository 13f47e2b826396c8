package api_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The 标签 page: an operator creates a group, adds, renames and deletes
// tags, each in WeCom (the sandbox) first and on the page at once, with
// refusals next to their form; counts are the customers carrying each
// tag (a store manager's, their store's) and link to them; analysts and
// store managers read and change nothing.
func TestConsoleTagsPage(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		olga := c.signIn(t, "olga")
		assert.Contains(t, olga.get(t, "/console/tags", http.StatusOK), "企业还没有客户标签")

		w := olga.post(t, "/console/tags/groups", url.Values{"group_name": {"会员等级"}, "tags": {"金卡、银卡"}})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		lib := c.tagLibrary(t)
		gold, silver := lib["会员等级|金卡"], lib["会员等级|银卡"]
		require.NotEmpty(t, gold)
		c.tagCustomers(t, map[string][]string{"wm1": {gold}, "wm2": {gold, silver}, "wm3": {silver}})
		page := olga.get(t, "/console/tags", http.StatusOK)
		assert.Contains(t, page, `<a href="/console/customers?tag=`+gold+`" title="查看带此标签的客户">2</a>`, "the count links to the customers")

		w = olga.post(t, "/console/tags/groups/"+lib["会员等级"]+"/tags", url.Values{"name": {"黑卡"}})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		black := c.tagLibrary(t)["会员等级|黑卡"]
		require.NotEmpty(t, black, "in WeCom and mirrored")
		assert.Contains(t, olga.get(t, "/console/tags", http.StatusOK), `<a href="/console/customers?tag=`+black+`" title="查看带此标签的客户">0</a>`)

		t.Run("ErrInvalid", func(t *testing.T) {
			w := olga.post(t, "/console/tags/"+black+"/rename", url.Values{"name": {"金卡"}})
			assert.Equal(t, http.StatusBadRequest, w.Code)
			assert.Contains(t, w.Body.String(), "标签「金卡」已在该标签组中")
			assert.Contains(t, w.Body.String(), `<details open><summary>重命名</summary><form method="post" action="/console/tags/`+black+`/rename"`, "next to its form")
			w = olga.post(t, "/console/tags/groups", url.Values{"group_name": {"会员等级"}, "tags": {""}})
			assert.Equal(t, http.StatusBadRequest, w.Code)
			assert.Contains(t, w.Body.String(), "标签组「会员等级」已存在")
			assert.Contains(t, w.Body.String(), "至少填写一个标签", "every refused field at once")
		})
		t.Run("Readers", func(t *testing.T) {
			m1, ann := c.signIn(t, "m1"), c.signIn(t, "ann")
			page := m1.get(t, "/console/tags", http.StatusOK)
			assert.Contains(t, page, "客户数只统计本门店的客户")
			assert.Contains(t, page, `tag=`+gold+`" title="查看带此标签的客户">1</a>`, "wm1 is followed by 徐汇店's g1; wm2 by 静安店's g2")
			assert.NotContains(t, page, `action="/console/tags`, "no forms for a store manager")
			assert.NotContains(t, ann.get(t, "/console/tags", http.StatusOK), `action="/console/tags`)
			assert.Equal(t, http.StatusForbidden, m1.post(t, "/console/tags/"+gold+"/delete", url.Values{}).Code)
			assert.Equal(t, http.StatusForbidden, ann.post(t, "/console/tags/"+gold+"/delete", url.Values{}).Code)
			assert.NotEmpty(t, c.tagLibrary(t)["会员等级|金卡"], "still there")
		})

		w = olga.post(t, "/console/tags/"+black+"/rename", url.Values{"name": {"钻石卡"}})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		w = olga.post(t, "/console/tags/"+gold+"/delete", url.Values{})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		assert.Equal(t, map[string]string{"会员等级": lib["会员等级"], "会员等级|银卡": silver, "会员等级|钻石卡": black}, c.tagLibrary(t))
		w = olga.post(t, "/console/tags/"+gold+"/delete", url.Values{})
		assert.Equal(t, http.StatusSeeOther, w.Code, "a tag already gone is said, not failed")
		flash := ""
		for _, k := range w.Result().Cookies() {
			if k.Name == "siyu_console_flash" {
				flash, _ = url.QueryUnescape(k.Value)
			}
		}
		assert.Contains(t, flash, "标签不存在或已删除")

		es, err := c.g.Audit.List(context.Background(), app.AuditFilter{CorpID: c.corp.ID, Actor: "user:" + itoa(c.users["olga"])})
		require.NoError(t, err)
		var actions []string
		for _, e := range es {
			actions = append(actions, e.Action)
		}
		assert.Equal(t, []string{"tag.delete", "tag.rename", "tag.create", "tag_group.create"}, actions)
	})
}

// tagLibrary is the mirror's tag library, "group" and "group|tag" to id,
// after checking WeCom holds the same.
func (c *chain) tagLibrary(t *testing.T) map[string]string {
	t.Helper()
	groups, err := c.g.Stores.Directory.CorpTags(context.Background(), c.corp.ID)
	require.NoError(t, err)
	out, inWeCom := map[string]string{}, map[string]string{}
	for _, g := range groups {
		out[g.Name] = g.GroupID
		for _, tag := range g.Tags {
			out[g.Name+"|"+tag.Name] = tag.TagID
		}
	}
	for _, g := range c.sc.Snapshot().TagGroups {
		inWeCom[g.GroupName] = g.GroupID
		for _, tag := range g.Tags {
			inWeCom[g.GroupName+"|"+tag.Name] = tag.ID
		}
	}
	require.Equal(t, inWeCom, out, "the mirror is what WeCom holds")
	return out
}

// tagCustomers marks tags on customers: wm1 followed by 徐汇店's g1, the
// others by 静安店's g2.
func (c *chain) tagCustomers(t *testing.T, tags map[string][]string) {
	now := time.Now().UTC()
	var fs []app.Follow
	for ext, ids := range tags {
		who := "g2"
		if ext == "wm1" {
			who = "g1"
		}
		fs = append(fs, app.Follow{CorpID: c.corp.ID, UserID: who, ExternalUserID: ext, AddTime: &now, TagIDs: ids})
	}
	require.NoError(t, c.g.Stores.Directory.UpsertFollows(context.Background(), fs))
}
