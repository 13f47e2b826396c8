package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// panelMemberAndOrders opens the customer the test made a member: once
// RFM's minute pass has classified them, the page shows every figure as
// the test computes it, and the phone only masked. A customer who is no
// member shows the empty states.
func panelMemberAndOrders(t *testing.T, w *panelWorld, b *browser) {
	b.do(t, "open a customer who is no member", chromedp.Navigate(w.customerURL(w.bare.ExternalUserID)), chromedp.WaitVisible(chromedp.ID("member-empty")))
	assert.Equal(t, "尚未关联会员", b.text(t, "#member-empty"))
	assert.Equal(t, "暂无订单", b.text(t, "#orders-empty"))
	for deadline := time.Now().Add(150 * time.Second); ; time.Sleep(2 * time.Second) {
		b.do(t, "open the member's customer", chromedp.Navigate(w.customerURL(w.mine.ExternalUserID)), chromedp.WaitVisible(chromedp.ID("member-rfm")))
		if b.text(t, "#member-rfm") != "尚未计算" {
			break
		}
		require.False(t, time.Now().After(deadline), "RFM's minute pass never classified the member")
	}
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	require.NoError(t, err)
	local := func(at time.Time) string { return at.In(shanghai).Format("2006-01-02 15:04") }
	assert.Equal(t, "PANEL-1", b.text(t, "#member-no"))
	assert.Equal(t, "金卡", b.text(t, "#member-level"))
	assert.Equal(t, "2680", b.text(t, "#member-points"))
	assert.Equal(t, "138****8000", b.text(t, "#member-phone"))
	assert.Contains(t, []string{local(w.memberFrom), local(w.memberTo)}, b.text(t, "#member-since"))
	assert.Equal(t, "重要价值", b.text(t, "#member-rfm"), "the only buyer is at every median: R, F and M high")
	assert.Equal(t, "成熟期", b.text(t, "#member-stage"), "more than 2 sales, the last within 90 days")
	html := get(t, b, "read the page's HTML", chromedp.Evaluate[string](`document.documentElement.outerHTML`))
	assert.NotContains(t, html, demoPhone, "the phone never in full")

	ltv, last, recent := expectedSections(w.memberTo)
	require.Equal(t, demoLTVCents, ltv)
	assert.Equal(t, "7 笔", b.text(t, "#order-count"))
	assert.Equal(t, demoLTV, b.text(t, "#order-ltv"))
	assert.Equal(t, local(last), b.text(t, "#order-last"))
	nos := get(t, b, "read the recent orders", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('#recent-orders li')].map(li => li.dataset.orderNo)`))
	require.Len(t, nos, 5)
	for i, s := range recent {
		assert.Equal(t, s.no, nos[i], "recent[%d], newest first", i)
		li := "#recent-orders li[data-order-no='" + s.no + "'] "
		assert.Equal(t, local(w.memberTo.Add(-s.ago)), b.text(t, li+".order-at"))
		assert.Equal(t, s.amount, b.text(t, li+".order-amount"))
		store := "小程序商城"
		if s.store >= 0 {
			store = w.stores[s.store].Name
		}
		assert.Equal(t, store, b.text(t, li+".order-store"), "the store by name")
		refunded := get(t, b, "read the refund of "+s.no, chromedp.Evaluate[string](
			`(document.querySelector("#recent-orders li[data-order-no='`+s.no+`'] .order-refunded") || {}).textContent || ''`))
		assert.Equal(t, s.refunded, refunded)
	}
}

// wwSend is a stand-in for the WeCom client's sendChatMessage, keeping
// what the page asked to send.
const wwSend = `window.ww = window.ww || {};
ww.register = ww.register || function () {};
ww.sendChatMessage = function (m) {
  var sent = JSON.parse(sessionStorage.getItem('sent') || '[]');
  sent.push(m);
  sessionStorage.setItem('sent', JSON.stringify(sent));
  return Promise.resolve({errMsg: 'sendChatMessage:ok'});
};`

// panelShareToChat sends a link from the page inside a stand-in WeCom
// client: the address is refused beside its field until it is one; then
// the guide's own share link goes into the chat, the send is recorded
// once however often the page reports it, marked self-reported, and the
// link leads to the address.
func panelShareToChat(t *testing.T, w *panelWorld, b *browser) {
	b.addScriptOnNewDocument(t, wwSend)
	b.do(t, "send a bad address", chromedp.Navigate(w.customerURL(w.mine.ExternalUserID)),
		chromedp.SendKeys(chromedp.ID("share-target"), "not a link"), chromedp.Click(chromedp.ID("share-send")),
		chromedp.WaitVisible(chromedp.ID("share-target-error")))
	assert.Contains(t, b.text(t, "#share-target-error"), "链接应为 http:// 或 https:// 开头的完整网址")

	target := "https://shop.example.com/new?from=panel"
	b.do(t, "send a link into the chat", chromedp.SetValue(chromedp.ID("share-target"), target),
		chromedp.SendKeys(chromedp.ID("share-title"), "新品上市"), chromedp.Click(chromedp.ID("share-send")),
		chromedp.WaitVisible(chromedp.CSS("#share-sent li.sent")))
	assert.Equal(t, "已发送并记录（自报）", b.text(t, "#share-status"))
	var sent []struct {
		MsgType string `json:"msgtype"`
		News    struct{ Link, Title string }
	}
	require.NoError(t, json.Unmarshal([]byte(get(t, b, "read what was sent", chromedp.Evaluate[string](`sessionStorage.getItem('sent')`))), &sent))
	require.Len(t, sent, 1)
	assert.Equal(t, "news", sent[0].MsgType)
	assert.Equal(t, "新品上市", sent[0].News.Title)
	code, ok := strings.CutPrefix(sent[0].News.Link, w.p.base+"/s/")
	require.True(t, ok, "the guide's share link is sent, not the address: %s", sent[0].News.Link)

	again := get(t, b, "report the send again, as a retrying page would", chromedp.Evaluate[int](`fetch('/panel/api/sends', {method: 'POST',
	  headers: {'Content-Type': 'application/json'}, body: JSON.stringify({external_userid: `+jsString(w.mine.ExternalUserID)+`, code: `+jsString(code)+`})}).then(r => r.status)`,
		chromedp.EvalAwaitPromise))
	assert.Equal(t, http.StatusOK, again)
	var touches []struct {
		SourceID     string `json:"source_id"`
		UserID       string `json:"userid"`
		SelfReported bool   `json:"self_reported"`
		Detail       string `json:"detail"`
	}
	require.Equal(t, http.StatusOK, readAPI(t, w.p, w.token, "/api/v1/corps/demo/touches?kind=panel_send&external_userid="+w.mine.ExternalUserID, &touches))
	require.Len(t, touches, 1, "one touch however often the send is reported")
	assert.Equal(t, "guide0101", touches[0].UserID)
	assert.True(t, touches[0].SelfReported)
	assert.Contains(t, touches[0].Detail, `"self_reported":true`)
	assert.Contains(t, touches[0].Detail, code)

	b.do(t, "reload the page", chromedp.Navigate(w.customerURL(w.mine.ExternalUserID)), chromedp.WaitVisible(chromedp.CSS("#share-sent li.sent")))
	assert.Contains(t, b.text(t, "#share-sent li.sent"), "新品上市")
	assert.Equal(t, "自报", b.text(t, "#share-sent li.sent .self-reported"), "the page labels the send self-reported")
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(sent[0].News.Link)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusFound, resp.StatusCode)
	assert.Equal(t, target, resp.Header.Get("Location"), "the link leads to the address")
}
