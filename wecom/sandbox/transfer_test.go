package sandbox_test

import (
	"testing"
	"time"

	"github.com/silenceper/wechat/v2/work/externalcontact"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// transferCorp has guides zhangsan and lisi; zhangsan has three customers.
func transferCorp(t *testing.T, edit ...func(*sandbox.CorpConfig)) (*sandbox.Corp, []string) {
	t.Helper()
	c := guideCorp(t, edit...)
	require.NoError(t, c.AddMember(sandbox.Member{UserID: "lisi", Name: "李四", ContactEnabled: true}))
	var ids []string
	for range 3 {
		a, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan"})
		require.NoError(t, err)
		ids = append(ids, a.ExternalUserID)
	}
	return c, ids
}

func TestSDKTransfer(t *testing.T) {
	c, ids := transferCorp(t)
	waitAll(t, c) // the adds went nowhere: no callback URL yet
	rc := newReceiver(t, c, nil)
	sdk := sdkClient(c)
	res, err := sdk.TransferCustomer(&externalcontact.TransferCustomerRequest{
		HandoverUserID: "zhangsan", TakeoverUserID: "lisi", ExternalUserID: append(ids[:2:2], "wmnobody"),
	})
	require.NoError(t, err)
	require.Len(t, res.Customer, 3)
	assert.Equal(t, 0, res.Customer[0].ErrCode)
	assert.Equal(t, 40096, res.Customer[2].ErrCode)
	require.NoError(t, c.CustomerRefusesTransfer(ids[1]))

	result := func() map[string]int {
		r, err := sdkClient(c).TransferResult(&externalcontact.TransferResultRequest{HandoverUserID: "zhangsan", TakeoverUserID: "lisi"})
		require.NoError(t, err)
		out := map[string]int{}
		for _, it := range r.Customer {
			out[it.ExternalUserID] = it.Status
		}
		return out
	}
	assert.Equal(t, map[string]int{ids[0]: 2, ids[1]: 3}, result())
	c.Advance(24 * time.Hour)
	assert.Equal(t, map[string]int{ids[0]: 1, ids[1]: 3}, result())

	_, ok := c.Follow("lisi", ids[0])
	assert.True(t, ok, "taken over after 24 sandbox hours")
	_, ok = c.Follow("zhangsan", ids[0])
	assert.False(t, ok)
	waitAll(t, c)
	x := rc.xmls()
	require.Len(t, x, 2)
	assert.Contains(t, x[0], "<FailReason><![CDATA[customer_refused]]></FailReason><UserID><![CDATA[lisi]]></UserID>")
	assert.Contains(t, x[1], "<UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA["+ids[0]+"]]></ExternalUserID>"+
		"<Source><![CDATA[DELETE_BY_TRANSFER]]></Source>")
}

func TestTransferLimits(t *testing.T) {
	c, ids := transferCorp(t)
	require.NoError(t, c.AddMember(sandbox.Member{UserID: "wangwu", ContactEnabled: true}))
	transfer := func(from, to string) int {
		r := post(t, "/cgi-bin/externalcontact/transfer_customer", token(t, c), map[string]any{
			"handover_userid": from, "takeover_userid": to, "external_userid": ids[:1],
		})
		require.Equal(t, 0, r.code())
		return int(r["customer"].([]any)[0].(map[string]any)["errcode"].(float64))
	}
	assert.Equal(t, 0, transfer("zhangsan", "lisi"))
	assert.Equal(t, 40129, transfer("zhangsan", "lisi"), "already being transferred")
	c.Advance(24 * time.Hour)
	assert.Equal(t, 0, transfer("lisi", "wangwu"))
	c.Advance(24 * time.Hour)
	assert.Equal(t, 40128, transfer("wangwu", "zhangsan"), "two transfers in 90 days")
	c.Advance(89 * 24 * time.Hour)
	assert.Equal(t, 0, transfer("wangwu", "zhangsan"))
	assert.Equal(t, 40131, transfer("lisi", "zhangsan"), "lisi no longer follows")
}

func TestTransferTakeoverLimit(t *testing.T) {
	s := sandbox.New(sandbox.Options{MaxCustomersPerMember: 1})
	defer s.Close()
	c, err := s.AddCorp(sandbox.NewCorpConfig("wwlimit"))
	require.NoError(t, err)
	for _, u := range []string{"a", "b"} {
		require.NoError(t, c.AddMember(sandbox.Member{UserID: u, ContactEnabled: true}))
	}
	one, err := c.CustomerAdds(sandbox.Add{UserID: "a"})
	require.NoError(t, err)
	_, err = c.CustomerAdds(sandbox.Add{UserID: "b"})
	require.NoError(t, err)
	require.NoError(t, c.MemberResigns("a"))
	snap := startResigned(t, s, c, "a", "b", one.ExternalUserID)
	require.Len(t, snap.Transfers, 1)
	assert.Equal(t, 4, snap.Transfers[0].Status)
}

// startResigned runs a resigned transfer through a second sandbox's
// handler and returns the snapshot a day later.
func startResigned(t *testing.T, s *sandbox.Sandbox, c *sandbox.Corp, from, to, ext string) sandbox.Snapshot {
	t.Helper()
	url, err := s.Start("")
	require.NoError(t, err)
	tok := getFrom(t, url, "/cgi-bin/gettoken?corpid="+c.ID()+"&corpsecret="+c.Config().ContactSecret)["access_token"].(string)
	r := postTo(t, url, "/cgi-bin/externalcontact/resigned/transfer_customer", tok, map[string]any{
		"handover_userid": from, "takeover_userid": to, "external_userid": []string{ext},
	})
	require.Equal(t, 0, r.code())
	c.Advance(24 * time.Hour)
	return c.Snapshot()
}

func TestResignedInheritance(t *testing.T) {
	c, ids := transferCorp(t)
	chat, err := c.CreateGroup(sandbox.NewGroup{Owner: "zhangsan", Name: "群", Members: ids[:1]})
	require.NoError(t, err)
	require.NoError(t, c.MemberResigns("zhangsan"))
	tok := token(t, c)

	r := post(t, "/cgi-bin/externalcontact/get_unassigned_list", tok, map[string]any{"page_size": 2})
	require.Equal(t, 0, r.code())
	assert.Len(t, r["info"], 2)
	assert.Equal(t, false, r["is_last"])

	r = post(t, "/cgi-bin/externalcontact/transfer_customer", tok, map[string]any{
		"handover_userid": "zhangsan", "takeover_userid": "lisi", "external_userid": ids,
	})
	assert.Equal(t, 40058, r.code(), "a resigned member's customers go through resigned/transfer_customer")
	r = post(t, "/cgi-bin/externalcontact/resigned/transfer_customer", tok, map[string]any{
		"handover_userid": "zhangsan", "takeover_userid": "lisi", "external_userid": ids,
	})
	require.Equal(t, 0, r.code())
	r = post(t, "/cgi-bin/externalcontact/get_unassigned_list", tok, map[string]any{})
	assert.Empty(t, r["info"])
	assert.Equal(t, true, r["is_last"])

	r = post(t, "/cgi-bin/externalcontact/groupchat/list", tok, map[string]any{"status_filter": 1, "limit": 10})
	assert.Len(t, r["group_chat_list"], 1)
	r = post(t, "/cgi-bin/externalcontact/groupchat/transfer", tok, map[string]any{"chat_id_list": []string{chat, "wrnope"}, "new_owner": "lisi"})
	require.Equal(t, 0, r.code())
	failed := r["failed_chat_list"].([]any)
	require.Len(t, failed, 1)
	assert.EqualValues(t, 40050, failed[0].(map[string]any)["errcode"])

	c.Advance(24 * time.Hour)
	snap := c.Snapshot()
	for _, tr := range snap.Transfers {
		assert.Equal(t, 1, tr.Status)
	}
	assert.Equal(t, "lisi", snap.Groups[0].Owner)
	assert.Equal(t, 3, snap.Groups[0].Status)
}

func TestOnJobGroupTransfer(t *testing.T) {
	c, ids := transferCorp(t)
	chat, err := c.CreateGroup(sandbox.NewGroup{Owner: "zhangsan", Name: "在职群", Members: ids[:1]})
	require.NoError(t, err)
	waitAll(t, c)
	rc := newReceiver(t, c, nil)
	tok := token(t, c)

	r := post(t, "/cgi-bin/externalcontact/groupchat/transfer", tok, map[string]any{"chat_id_list": []string{chat}, "new_owner": "lisi"})
	require.Equal(t, 0, r.code())
	assert.EqualValues(t, 90500, r["failed_chat_list"].([]any)[0].(map[string]any)["errcode"], "an employed owner's group needs onjob_transfer")

	r = post(t, "/cgi-bin/externalcontact/groupchat/onjob_transfer", tok, map[string]any{"chat_id_list": []string{chat}, "new_owner": "lisi"})
	require.Equal(t, 0, r.code())
	assert.Empty(t, r["failed_chat_list"])
	g := c.Snapshot().Groups[0]
	assert.Equal(t, "lisi", g.Owner)
	assert.Equal(t, 0, g.Status, "only resigned inheritance has states")

	r = post(t, "/cgi-bin/externalcontact/groupchat/onjob_transfer", tok, map[string]any{"chat_id_list": []string{chat}, "new_owner": "lisi"})
	assert.EqualValues(t, 90504, r["failed_chat_list"].([]any)[0].(map[string]any)["errcode"])
	waitAll(t, c)
	assert.Len(t, rc.xmls(), 1, "one change_owner callback")
	assert.Contains(t, rc.xmls()[0], "change_owner")

	sdkFailed, err := sdkClient(c).GroupChatOnJobTransfer(&externalcontact.GroupChatOnJobTransferRequest{ChatIDList: []string{"wrnope"}, NewOwner: "lisi"})
	require.NoError(t, err)
	assert.Equal(t, 40050, sdkFailed.FailedChatList[0].ErrCode, "the SDK's request shape is accepted")
}
