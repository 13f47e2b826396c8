package api_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// memberChain is the chain with members: 张三 of 徐汇店 (a WeCom customer
// too, by unionid), 李四 of 静安店, and two records (A1 甲, B2 乙) that
// share a unionid under two member numbers, which leaves a review.
type memberChain struct {
	*chain
	ids map[string]int64 // by name
}

func newMemberChain(t *testing.T, d *db.DB) *memberChain {
	c := &memberChain{chain: newChain(t, d), ids: map[string]int64{}}
	ctx := c.as("olga")
	require.NoError(t, c.g.Stores.Directory.UpsertCustomers(ctx, []app.Customer{{CorpID: c.corp.ID, ExternalUserID: "wm-zhang", UnionID: "u-zhang", Name: "张三的微信", Type: 1}}))
	for _, in := range []member.Input{
		{MemberNo: "M1", Name: "张三", Phone: "13800138000", UnionID: "u-zhang", Gender: "女", Tier: "金卡", Points: ptr(int64(120)), HomeStoreCode: "XH"},
		{MemberNo: "M2", Name: "李四", Phone: "13900139000", Tier: "银卡", HomeStoreCode: "JA"},
		{MemberNo: "A1", Name: "甲", UnionID: "u-9", HomeStoreCode: "XH"},
		{MemberNo: "B2", Name: "乙", UnionID: "u-9", Phone: "13700137000"},
	} {
		res, err := c.g.Member.Upsert(ctx, c.corp.ID, in)
		require.NoError(t, err)
		c.ids[in.Name] = res.MemberID
	}
	return c
}

func ptr[T any](v T) *T { return &v }

func (c *memberChain) page(name string) string { return "/console/members/" + itoa(c.ids[name]) }

// The member list: names, masked phones and stores by name; search by
// member number, name or a whole phone (by its blind index: part of a
// number finds nothing); filters by tier, store and status in the URL;
// the empty states; a bad filter next to its field.
func TestConsoleMemberList(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := &memberChain{chain: newChain(t, d)}
		olga := c.signIn(t, "olga")
		assert.Contains(t, olga.get(t, "/console/members", http.StatusOK), "还没有会员")
		c = newMemberChain(t, d)
		olga = c.signIn(t, "olga")

		page := olga.get(t, "/console/members", http.StatusOK)
		for _, want := range []string{"张三", "138****8000", "金卡", "徐汇店", "静安店", `href="` + c.page("李四") + `"`} {
			assert.Contains(t, page, want)
		}
		assert.NotContains(t, page, "13800138000", "phones are masked in the list")
		tests := []struct {
			name, query string
			want, not   []string
		}{
			{"MemberNo", "q=M1", []string{"张三"}, []string{"李四"}},
			{"Name", "q=" + url.QueryEscape("李"), []string{"李四"}, []string{"张三"}},
			{"WholePhone", "q=" + url.QueryEscape("138 0013 8000"), []string{"张三"}, []string{"李四"}},
			{"PartOfAPhone", "q=1380013", []string{"没有符合条件的会员"}, []string{"张三"}},
			{"Tier", "tier=" + url.QueryEscape("银卡"), []string{"李四"}, []string{"张三"}},
			{"Store", "store=" + itoa(c.stores["静安店"]), []string{"李四"}, []string{"张三"}},
			{"BadStatus", "status=gone", []string{"状态应为 有效、已合并 或 全部", "筛选条件有误"}, []string{"李四"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				page := olga.get(t, "/console/members?"+tt.query, http.StatusOK)
				for _, w := range tt.want {
					assert.Contains(t, page, w)
				}
				for _, n := range tt.not {
					assert.NotContains(t, page, `>`+n+`</a>`)
				}
			})
		}
		t.Run("Export", func(t *testing.T) {
			csv := olga.get(t, "/console/members/export?tier="+url.QueryEscape("金卡"), http.StatusOK)
			assert.Contains(t, csv, "M1,张三,138****8000,金卡,120,徐汇店,有效")
			assert.NotContains(t, csv, "李四")
			assert.Contains(t, c.signIn(t, "ann").get(t, "/console/members/export", http.StatusOK), "M1,张*,138****8000", "an analyst's export masks names")
		})
	})
}

// A member's page: attributes by name, keys with the phone masked, the
// WeCom customer linked by unionid; only an admin reveals the phone, once
// and audited; nobody else sees the button or gets through by posting.
func TestConsoleMemberPage(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newMemberChain(t, d)
		olga, alice, ann := c.signIn(t, "olga"), c.signIn(t, "alice"), c.signIn(t, "ann")
		page := olga.get(t, c.page("张三"), http.StatusOK)
		for _, want := range []string{"M1", "138****8000", "女", "金卡", "120", "徐汇店", `<a class="customer-link" href="/console/customers/c/wm-zhang">张三的微信</a>`} {
			assert.Contains(t, page, want)
		}
		assert.NotContains(t, page, "13800138000")
		assert.NotContains(t, page, "reveal-phone", "an operator sees the mask only")
		assert.NotContains(t, ann.get(t, c.page("张三"), http.StatusOK), "reveal-phone")
		assert.Contains(t, alice.get(t, c.page("张三"), http.StatusOK), `id="reveal-phone"`)

		for _, s := range []*pageSession{olga, ann} {
			assert.Equal(t, http.StatusForbidden, s.post(t, c.page("张三")+"/phone", url.Values{}).Code)
		}
		w := alice.post(t, c.page("张三")+"/phone", url.Values{})
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Contains(t, w.Body.String(), `<strong id="phone-full">13800138000</strong>`)
		assert.Contains(t, w.Body.String(), "查看手机号", "the view is in the member's audit records at once")
		assert.NotContains(t, alice.get(t, c.page("张三"), http.StatusOK), "13800138000", "shown once: the page again is masked")
		log := alice.get(t, "/console/audit?action=member.phone_view", http.StatusOK)
		assert.Contains(t, log, "查看手机号")
		assert.Contains(t, log, `href="`+c.page("张三")+`"`, "the member by name, linked")
		assert.NotContains(t, log, "13800138000")

		olga.get(t, "/console/members/999999", http.StatusNotFound)
	})
}

// Store managers read their store's members only: the list is scoped
// whatever the URL asks, another store's member is refused, the review
// queue and the import are not theirs; analysts read with no buttons.
func TestConsoleMemberRoles(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newMemberChain(t, d)
		m1, ann := c.signIn(t, "m1"), c.signIn(t, "ann")
		page := m1.get(t, "/console/members?store="+itoa(c.stores["静安店"]), http.StatusOK)
		assert.Contains(t, page, ">张三</a>")
		assert.NotContains(t, page, ">李四</a>", "the URL cannot widen a store manager's list")
		assert.NotContains(t, page, `id="filter-store"`)
		assert.NotContains(t, page, "乙", "a member of no store is not theirs")
		assert.Contains(t, m1.get(t, c.page("张三"), http.StatusOK), "138****8000")
		assert.Contains(t, m1.get(t, c.page("李四"), http.StatusForbidden), "该会员不属于你的门店（徐汇店）")
		m1.get(t, "/console/member-reviews", http.StatusForbidden)
		m1.get(t, "/console/members/import", http.StatusForbidden)
		assert.NotContains(t, m1.get(t, "/console/members", http.StatusOK), "to-reviews")

		for _, path := range []string{"/console/members", c.page("张三"), c.page("乙"), "/console/member-reviews"} {
			page := ann.get(t, path, http.StatusOK)
			assert.Equal(t, 1, strings.Count(page, `method="post"`), "%s: sign-out is the analyst's only form", path)
			assert.NotContains(t, page, "合并（保留", path)
			assert.NotContains(t, page, "撤销合并</button>", path)
		}
		ann.get(t, "/console/members/import", http.StatusForbidden)
		assert.Equal(t, http.StatusForbidden, ann.post(t, "/console/member-reviews/1/dismiss", url.Values{}).Code)
	})
}
