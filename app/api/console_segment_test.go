package api_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// segmentForm is the builder's form for a tree: root AND over the given
// nodes, each a path and its form fields.
func segmentForm(nodes ...map[string]string) url.Values {
	f := url.Values{"node": {""}, "op:": {"and"}}
	for _, n := range nodes {
		for k, v := range n {
			if k == "path" {
				f.Add("node", v)
				continue
			}
			f.Add(k, v)
		}
	}
	return f
}

// The 人群 pages: the builder re-renders its tree when a condition's
// field changes or a node is added or removed; the live count names a
// sample of customers, or says beside each incomplete condition what it
// lacks; a refused save shows every reason next to its field or
// condition; a saved segment reads out its rule in words and lists its
// snapshot's customers by name; refreshing keeps versions; analysts read
// lists and snapshots and change nothing; store managers read the list
// only.
func TestConsoleSegmentPages(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		olga := c.signIn(t, "olga")
		w := olga.post(t, "/console/tags/groups", url.Values{"group_name": {"会员等级"}, "tags": {"金卡、银卡"}})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		lib := c.tagLibrary(t)
		gold := lib["会员等级|金卡"]
		c.seedSegmentCustomers(t, map[string]int{"wm1": 2, "wm2": 2, "wm3": 1})
		c.tagCustomers(t, map[string][]string{"wm1": {gold}, "wm2": {lib["会员等级|银卡"]}, "wm3": {gold}})

		assert.Contains(t, olga.get(t, "/console/segments", http.StatusOK), "还没有人群")
		builder := olga.get(t, "/console/segments/new", http.StatusOK)
		for _, want := range []string{`name="field:rules[0]"`, `<optgroup label="会员">`, ">客户昵称<", ">近 N 天入群<"} {
			assert.Contains(t, builder, want)
		}
		gender := map[string]string{"path": "rules[0]", "field:rules[0]": "customer.gender", "was:rules[0]": "customer.gender", "cmp:rules[0]": "eq", "v:rules[0]": "2"}
		t.Run("Tree", func(t *testing.T) {
			w := olga.post(t, "/console/segments/tree", segmentForm(map[string]string{"path": "rules[0]", "field:rules[0]": "customer.gender", "was:rules[0]": ""}))
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			assert.Equal(t, "segment-tree-changed", w.Header().Get("HX-Trigger"), "the page counts again")
			assert.Regexp(t, `name="cmp:rules\[0\]".*<option value="eq" selected>等于</option>`, w.Body.String(), "the field's comparisons")
			assert.Contains(t, w.Body.String(), `<option value="2">女</option>`, "an enum's values by label")

			f := segmentForm(gender)
			f.Set("act", "group:")
			tree := olga.post(t, "/console/segments/tree", f).Body.String()
			assert.Contains(t, tree, `value="2" selected>女`, "what was chosen stays")
			assert.Regexp(t, `data-path="rules\[1\]">\s*<input type="hidden" name="node" value="rules\[1\]">\s*<div class="seg-group-head">满足 <select name="op:rules\[1\]"[^>]*><option value="and">[^<]*</option><option value="or" selected>`,
				tree, "a new group is an OR group")
			assert.Contains(t, tree, `name="field:rules[1].rules[0]"`, "with one condition")

			f = segmentForm(map[string]string{"path": "rules[0]", "field:rules[0]": "customer.name"}, map[string]string{"path": "rules[2]", "field:rules[2]": "owner.store_id"})
			f.Set("act", "del:rules[0]")
			tree = olga.post(t, "/console/segments/tree", f).Body.String()
			assert.NotContains(t, tree, "rules[2]", "paths are dense again")
			assert.Regexp(t, `(?s)name="field:rules\[0\]".*<option value="owner.store_id" selected>`, tree)
			assert.Contains(t, tree, ">徐汇店</option>", "a store is chosen by name")
		})
		goldOrName := []map[string]string{gender, {"path": "rules[1]", "op:rules[1]": "or"},
			{"path": "rules[1].rules[0]", "field:rules[1].rules[0]": "tag", "was:rules[1].rules[0]": "tag", "cmp:rules[1].rules[0]": "any", "v:rules[1].rules[0]": gold},
			{"path": "rules[1].rules[1]", "field:rules[1].rules[1]": "customer.name", "was:rules[1].rules[1]": "customer.name", "cmp:rules[1].rules[1]": "eq", "v:rules[1].rules[1]": "客户乙"}}
		t.Run("Preview", func(t *testing.T) {
			page := olga.post(t, "/console/segments/preview", segmentForm(gender)).Body.String()
			assert.Contains(t, page, `<strong id="preview-count">2</strong>`)
			assert.Contains(t, page, ">客户甲</a>")
			assert.NotContains(t, page, ">客户丙</a>")
			page = olga.post(t, "/console/segments/preview", segmentForm(goldOrName...)).Body.String()
			assert.Contains(t, page, `<strong id="preview-count">2</strong>`, "women with 金卡, or named 客户乙")
			incomplete := segmentForm(gender, map[string]string{"path": "rules[1]", "op:rules[1]": "or"}, map[string]string{"path": "rules[1].rules[0]", "field:rules[1].rules[0]": "member.points", "cmp:rules[1].rules[0]": "gt"})
			w := olga.post(t, "/console/segments/preview", incomplete)
			assert.Equal(t, http.StatusOK, w.Code, "a rule being written is not an error")
			assert.Contains(t, w.Body.String(), "条件还不完整")
			assert.Contains(t, w.Body.String(), `<li data-node-error="n-1-0">会员积分：取值不正确</li>`, "the reason names its condition")
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			f := segmentForm(gender, map[string]string{"path": "rules[1]", "op:rules[1]": "or"}, map[string]string{"path": "rules[1].rules[0]", "field:rules[1].rules[0]": ""})
			f.Set("refresh_hours", "24")
			w := olga.post(t, "/console/segments/new", f)
			assert.Equal(t, http.StatusBadRequest, w.Code)
			assert.Contains(t, w.Body.String(), "请修正下面标红的 2 处")
			assert.Regexp(t, `id="name"[^>]*><div class="err">人群名称应为 1 到 64 个字</div>`, w.Body.String())
			assert.Contains(t, w.Body.String(), `<div class="err seg-err" id="err-n-1-0">请选择条件字段</div>`, "next to its condition")
			assert.Contains(t, w.Body.String(), `value="2" selected>女`, "what was typed stays")
		})
		f := segmentForm(goldOrName...)
		f.Set("name", "金卡女客")
		f.Set("refresh_hours", "24")
		w = olga.post(t, "/console/segments/new", f)
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		at := w.Header().Get("Location")
		require.Regexp(t, `^/console/segments/\d+$`, at)
		page := olga.get(t, at, http.StatusOK)
		assert.Contains(t, page, "客户性别 等于 女 且 （企业标签 含任一 金卡 或 客户昵称 等于 客户乙）", "the rule in words")
		assert.Contains(t, page, `>客户甲</a>`)
		assert.Contains(t, page, `>客户乙</a>`)
		assert.Contains(t, page, `href="/console/customers/c/wm1"`, "each links to the customer")
		assert.Equal(t, http.StatusConflict, olga.post(t, "/console/segments/new", f).Code, "names are unique")
		copied := olga.get(t, "/console/segments/new?from="+strings.TrimPrefix(at, "/console/segments/"), http.StatusOK)
		assert.Contains(t, copied, `value="金卡女客（副本）"`, "a copy to build upon")
		assert.Regexp(t, `name="v:rules\[1\]\.rules\[0\]" value="`+gold+`" checked> 金卡`, copied, "its values as they were chosen")
		assert.Contains(t, copied, `name="v:rules[1].rules[1]" class="seg-value" value="客户乙"`)

		w = olga.post(t, at+"/refresh", url.Values{"next": {at}})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		assert.Equal(t, at, w.Header().Get("Location"))
		page = olga.get(t, at, http.StatusOK)
		assert.Regexp(t, `第 2 版 <span class="badge ok">最新</span>`, page)
		assert.Contains(t, page, `href="`+at+`?version=1"`, "the earlier version is kept")
		assert.Contains(t, olga.get(t, at+"?version=1", http.StatusOK), "第 1 版的客户")
		olga.get(t, at+"?version=9", http.StatusNotFound)
		list := olga.get(t, "/console/segments", http.StatusOK)
		for _, want := range []string{"金卡女客", "第 2 版", "每天", `action="` + at + `/refresh"`} {
			assert.Contains(t, list, want)
		}

		t.Run("Analyst", func(t *testing.T) {
			ann := c.signIn(t, "ann")
			list := ann.get(t, "/console/segments", http.StatusOK)
			assert.Contains(t, list, "金卡女客")
			assert.NotRegexp(t, regexp.MustCompile(`new-segment|/refresh`), list, "no buttons")
			assert.NotContains(t, ann.get(t, at, http.StatusOK), "/refresh", "reads the snapshot")
			ann.get(t, "/console/segments/new", http.StatusForbidden)
			assert.Equal(t, http.StatusForbidden, ann.post(t, "/console/segments/preview", segmentForm(gender)).Code)
			assert.Equal(t, http.StatusForbidden, ann.post(t, at+"/refresh", url.Values{}).Code)
		})
		t.Run("StoreManager", func(t *testing.T) {
			m1 := c.signIn(t, "m1")
			list := m1.get(t, "/console/segments", http.StatusOK)
			assert.Contains(t, list, "金卡女客")
			assert.NotContains(t, list, `href="`+at+`"`, "no way into the chain's customers")
			assert.Contains(t, m1.get(t, at, http.StatusForbidden), "店长只能查看人群列表")
			m1.get(t, "/console/segments/new", http.StatusForbidden)
		})
	})
}

// seedSegmentCustomers adds customers 客户甲, 客户乙, 客户丙 … (wm1, wm2,
// wm3 …) of the given genders.
func (c *chain) seedSegmentCustomers(t *testing.T, genders map[string]int) {
	var cs []app.Customer
	for ext, g := range genders {
		cs = append(cs, app.Customer{CorpID: c.corp.ID, ExternalUserID: ext, Gender: g,
			Name: map[string]string{"wm1": "客户甲", "wm2": "客户乙", "wm3": "客户丙"}[ext]})
	}
	require.NoError(t, c.g.Stores.Directory.UpsertCustomers(context.Background(), cs))
}
