package panel_test

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/panel"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/templates"
)

// rfmNames are the briefing's classes by (R, F, M) high, written out here
// rather than read from the code under test.
var rfmNames = map[[3]bool]string{{true, true, true}: "重要价值", {false, true, true}: "重要唤回", {true, false, true}: "重要深耕",
	{false, false, true}: "重要挽留", {true, true, false}: "潜力", {true, false, false}: "新客户", {false, true, false}: "一般维持",
	{false, false, false}: "流失"}

// thresholds are the brand's own, so the test can classify by them:
// bought within 30 days, at least 3 sales, at least ¥500.
var thresholds = app.RFMSettings{RecencyDays: 30, Frequency: 3, MonetaryCents: 50000, GrowthOrders: 2, ActiveDays: 90, ChurnDays: 180}

// want is the test's own computation of the sections from the sales it
// sent.
type want struct {
	count       int
	ltv, paid   int64
	last        time.Time
	recent      []*sold
	class       string
	stage       string
	memberNo    string
	tier, phone string
	points      int64
}

func compute(sales []*sold, now time.Time) want {
	var w want
	for _, s := range sales {
		w.count, w.paid, w.ltv = w.count+1, w.paid+s.amount, w.ltv+s.amount-s.refunded
		if s.at.After(w.last) {
			w.last = s.at
		}
	}
	w.recent = slices.SortedFunc(slices.Values(sales), func(a, b *sold) int { return b.at.Compare(a.at) })[:min(5, len(sales))]
	days := int(now.Sub(w.last).Hours() / 24)
	w.class = rfmNames[[3]bool{days <= thresholds.RecencyDays, w.count >= thresholds.Frequency, w.ltv >= thresholds.MonetaryCents}]
	switch {
	case w.count == 0:
		w.class, w.stage = "", "引入期"
	case days > thresholds.ChurnDays:
		w.stage = "流失期"
	case days > thresholds.ActiveDays:
		w.stage = "休眠期"
	case w.count > thresholds.GrowthOrders:
		w.stage = "成熟期"
	default:
		w.stage = "成长期"
	}
	return w
}

// The member and order sections equal the test's own computation from
// the members and orders it sent: the surviving member of a merge, with
// the orders of both records; lifetime value net of partial and full
// refunds (those without member keys too); the last sale and the latest
// five newest first, each with its refund and store by name; the RFM
// class and stage in Chinese; the phone masked, never in full, on the
// page either. Another brand keeping its customers apart, and another
// corp, see only their own member of the same customer.
func TestMemberAndOrderSections(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		g := graph(t, d)
		w, other := newBuyerWorld(t, g, "ww_panel_buyer"), newBuyerWorld(t, g, "ww_panel_buyer_other")
		apart := &app.Brand{CorpID: w.corp.ID, Name: "独立品牌"}
		require.NoError(t, g.Stores.Org.CreateBrand(w.ctx, apart))
		w.store(t, "S1", "徐汇店", nil)
		w.store(t, "S2", "静安店", nil)
		w.store(t, "A1", "独立店", &apart.ID)
		w.guide(t, "g1", "S1", "wm_c1", "wm_c2", "wm_c3")
		w.guide(t, "ga", "A1", "wm_c1")

		w.bornFrom = time.Now().UTC().Add(-time.Second)
		oldID := w.member(t, member.Input{MemberNo: "OLD1", ExternalUserIDs: []string{"wm_c1"}, Phone: "13800138000", Tier: "银卡", Points: ptr(int64(50))})
		w.bornTo = time.Now().UTC().Add(time.Second)
		newID := w.member(t, member.Input{MemberNo: "NEW1", Name: "张三", Tier: "金卡", Points: ptr(int64(1200))})
		w.member(t, member.Input{MemberNo: "L1", ExternalUserIDs: []string{"wm_c2"}, Tier: "普通"})
		w.member(t, member.Input{MemberNo: "A-1", Brand: "独立品牌", ExternalUserIDs: []string{"wm_c1"}, Tier: "钻石卡", Points: ptr(int64(9))})
		w.history(t, rand.New(rand.NewPCG(12, 5)))
		w.sale(t, "A-1", "A1", 5000, w.now.Add(-100*24*time.Hour))
		_, err := g.Member.Merge(w.ctx, w.corp.ID, newID, oldID)
		require.NoError(t, err)
		late := w.sale(t, "OLD1", "S2", 123450, w.now.Add(-20*time.Minute)) // the moved key finds the survivor
		w.refund(t, late, "OLD1", 3000)

		other.store(t, "S1", "别家店", nil)
		other.guide(t, "g1", "S1", "wm_c1")
		other.member(t, member.Input{MemberNo: "OLD1", ExternalUserIDs: []string{"wm_c1"}, Phone: "13900139000", Tier: "黑卡"})
		other.sale(t, "OLD1", "S1", 99999999, w.now.Add(-time.Hour))

		for _, c := range []struct {
			corp  int64
			scope int64
		}{{w.corp.ID, 0}, {w.corp.ID, apart.ID}, {other.corp.ID, 0}} {
			st := thresholds
			st.CorpID, st.Scope = c.corp, c.scope
			require.NoError(t, g.Stores.RFM.SaveRFMSettings(w.ctx, &st))
			require.NoError(t, g.RFM.Full(w.ctx, c.corp, c.scope))
		}
		rfmAt := time.Now().UTC()

		merged := compute(append(slices.Clone(w.sales["OLD1"]), w.sales["NEW1"]...), rfmAt)
		merged.memberNo, merged.tier, merged.points, merged.phone = "NEW1", "金卡", 1200, "138****8000"
		apartWant := compute(w.sales["A-1"], rfmAt)
		apartWant.memberNo, apartWant.tier, apartWant.points = "A-1", "钻石卡", 9
		otherWant := compute(other.sales["OLD1"], rfmAt)
		otherWant.memberNo, otherWant.tier, otherWant.phone = "OLD1", "黑卡", "139****9000"
		require.Equal(t, 13, merged.count)
		require.Equal(t, "重要价值", merged.class)
		require.Equal(t, "休眠期", apartWant.stage)

		svc := g.Panel(panel.Config{PublicURL: "http://127.0.0.1"})
		t.Run("MergedMember", func(t *testing.T) {
			p := page(t, svc, w, "g1", "wm_c1")
			check(t, merged, p)
			require.NotNil(t, p.Member.Since)
			assert.True(t, !p.Member.Since.Before(w.bornFrom) && !p.Member.Since.After(w.bornTo),
				"member since the first record (OLD1) came: %v not in [%v, %v]", p.Member.Since, w.bornFrom, w.bornTo)
			html := render(t, p)
			for _, s := range []string{"138****8000", app.Yuan(merged.ltv), "重要价值", "成熟期", merged.recent[0].no} {
				assert.Contains(t, html, s)
			}
			for _, full := range []string{"13800138000", "13900139000", "138 0013 8000"} {
				assert.NotContains(t, html, full, "the phone never in full")
				assert.NotContains(t, p.Member.PhoneMasked, full)
			}
		})
		t.Run("BrandApart", func(t *testing.T) { check(t, apartWant, page(t, svc, w, "ga", "wm_c1")) })
		t.Run("OtherCorp", func(t *testing.T) { check(t, otherWant, page(t, svc, other, "g1", "wm_c1")) })
		t.Run("MemberWithoutOrders", func(t *testing.T) {
			p := page(t, svc, w, "g1", "wm_c2")
			require.NotNil(t, p.Member)
			assert.Equal(t, "L1", p.Member.MemberNo)
			assert.Equal(t, "", p.Member.RFMClass)
			assert.Equal(t, "引入期", p.Member.Stage)
			assert.Nil(t, p.Orders)
			html := render(t, p)
			assert.Contains(t, html, "暂无订单")
			assert.Contains(t, html, "暂无消费")
		})
		t.Run("NoMember", func(t *testing.T) {
			p := page(t, svc, w, "g1", "wm_c3")
			assert.Nil(t, p.Member)
			assert.Nil(t, p.Orders)
			html := render(t, p)
			assert.Contains(t, html, "尚未关联会员")
			assert.Contains(t, html, "暂无订单")
		})
	})
}

// page is the customer page ext as userID of w's corp sees it.
func page(t *testing.T, svc *panel.Service, w *buyerWorld, userID, ext string) *panel.CustomerPage {
	p, err := svc.CustomerPage(w.ctx, app.PanelViewer{CorpID: w.corp.ID, WeComCorp: w.corp.CorpID, UserID: userID}, ext)
	require.NoError(t, err)
	return p
}

// check compares the page's sections with the test's computation.
func check(t *testing.T, w want, p *panel.CustomerPage) {
	require.NotNil(t, p.Member)
	assert.Equal(t, w.memberNo, p.Member.MemberNo)
	assert.Equal(t, w.tier, p.Member.Level)
	assert.Equal(t, w.points, p.Member.Points)
	assert.Equal(t, w.phone, p.Member.PhoneMasked)
	assert.Equal(t, w.class, p.Member.RFMClass)
	assert.Equal(t, w.stage, p.Member.Stage)
	require.NotNil(t, p.Orders)
	assert.Equal(t, w.count, p.Orders.Count)
	assert.Equal(t, w.ltv, p.Orders.TotalCents, "lifetime value: paid minus refunded")
	assert.Equal(t, w.paid, p.Orders.PaidCents)
	assert.Equal(t, w.paid-w.ltv, p.Orders.RefundedCents)
	require.NotNil(t, p.Orders.LastAt)
	assert.True(t, w.last.Equal(*p.Orders.LastAt), "last order %v, want %v", p.Orders.LastAt, w.last)
	require.Len(t, p.Orders.Recent, len(w.recent))
	for i, s := range w.recent {
		got := p.Orders.Recent[i]
		assert.Equal(t, s.no, got.No, "recent[%d], newest first", i)
		assert.True(t, s.at.Equal(got.At), "recent[%d] at", i)
		assert.Equal(t, s.amount, got.AmountCents, "recent[%d] amount", i)
		assert.Equal(t, s.refunded, got.RefundedCents, "recent[%d] refunded", i)
		assert.Equal(t, s.store, got.StoreName, "recent[%d] store by name", i)
	}
}

// render is the page as the template shows it.
func render(t *testing.T, p *panel.CustomerPage) string {
	pages, err := templates.Parse()
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, pages.ExecuteTemplate(&b, "panel_customer.html", map[string]any{"P": p}))
	return b.String()
}

func ptr[T any](v T) *T { return &v }
