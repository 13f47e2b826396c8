package sandbox_test

import (
	"testing"
	"time"

	"github.com/silenceper/wechat/v2/work/externalcontact"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

func TestSDKContactWay(t *testing.T) {
	c := guideCorp(t)
	sdk := sdkClient(c)
	added, err := sdk.AddContactWay(&externalcontact.AddContactWayRequest{
		Type: 1, Scene: 2, State: "store01", Remark: "徐汇店门口", User: []string{"zhangsan"},
	})
	require.NoError(t, err)
	assert.NotEmpty(t, added.QrCode)

	got, err := sdk.GetContactWay(&externalcontact.GetContactWayRequest{ConfigID: added.ConfigID})
	require.NoError(t, err)
	assert.Equal(t, "store01", got.ContactWay.State)
	assert.False(t, got.ContactWay.SkipVerify, "the SDK sends skip_verify:false")

	_, err = sdk.UpdateContactWay(&externalcontact.UpdateContactWayRequest{ConfigID: added.ConfigID, State: "store02", SkipVerify: true})
	require.NoError(t, err)
	list, err := sdk.ListContactWay(&externalcontact.ListContactWayRequest{})
	require.NoError(t, err)
	require.Len(t, list.ContactWay, 1)

	res, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan", ConfigID: added.ConfigID})
	require.NoError(t, err)
	f, _ := c.Follow("zhangsan", res.ExternalUserID)
	assert.Equal(t, "store02", f.State, "the add records the contact way's state")

	_, err = sdk.DelContactWay(&externalcontact.DelContactWayRequest{ConfigID: added.ConfigID})
	require.NoError(t, err)
	_, err = sdk.GetContactWay(&externalcontact.GetContactWayRequest{ConfigID: added.ConfigID})
	assert.EqualValues(t, 41044, errCode(err))
}

func TestContactWayValidation(t *testing.T) {
	c := guideCorp(t)
	tok := token(t, c)
	long := "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"
	tests := []struct {
		name string
		body map[string]any
		code int
	}{
		{"OK", map[string]any{"type": 1, "scene": 1, "user": []string{"zhangsan"}}, 0},
		{"ErrMissingType", map[string]any{"scene": 1, "user": []string{"zhangsan"}}, 41037},
		{"ErrMissingScene", map[string]any{"type": 1, "user": []string{"zhangsan"}}, 41038},
		{"ErrBadType", map[string]any{"type": 3, "scene": 1}, 41039},
		{"ErrBadScene", map[string]any{"type": 1, "scene": 9}, 41040},
		{"ErrBadStyle", map[string]any{"type": 1, "scene": 1, "style": 99, "user": []string{"zhangsan"}}, 41042},
		{"ErrTwoUsersForSingle", map[string]any{"type": 1, "scene": 1, "user": []string{"zhangsan", "lisi"}}, 41041},
		{"ErrStateTooLong", map[string]any{"type": 1, "scene": 1, "state": long, "user": []string{"zhangsan"}}, 40058},
		{"ErrRemarkTooLong", map[string]any{"type": 1, "scene": 1, "remark": long, "user": []string{"zhangsan"}}, 40058},
		{"ErrUnknownUser", map[string]any{"type": 2, "scene": 2, "user": []string{"nobody"}}, 60111},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.code, post(t, "/cgi-bin/externalcontact/add_contact_way", tok, tt.body).code())
		})
	}
	t.Run("ErrMissingConfigID", func(t *testing.T) {
		assert.Equal(t, 41043, post(t, "/cgi-bin/externalcontact/get_contact_way", tok, map[string]any{}).code())
	})
	t.Run("SkipVerifyDefaultsTrue", func(t *testing.T) {
		r := post(t, "/cgi-bin/externalcontact/add_contact_way", tok, map[string]any{"type": 1, "scene": 2, "user": []string{"zhangsan"}})
		got := post(t, "/cgi-bin/externalcontact/get_contact_way", tok, map[string]any{"config_id": r["config_id"]})
		assert.Equal(t, true, got["contact_way"].(map[string]any)["skip_verify"])
	})
}

func TestWelcomeMessage(t *testing.T) {
	send := func(t *testing.T, c *sandbox.Corp, code string) int64 {
		return errCode(sdkClient(c).SendWelcomeMsg(&externalcontact.SendWelcomeMsgRequest{
			WelcomeCode: code, Text: externalcontact.MsgText{Content: "欢迎光临"},
		}))
	}
	t.Run("OK once", func(t *testing.T) {
		c := guideCorp(t)
		added, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan"})
		require.NoError(t, err)
		c.Advance(20 * time.Second)
		assert.EqualValues(t, 0, send(t, c, added.WelcomeCode))
		assert.EqualValues(t, 41050, send(t, c, added.WelcomeCode), "single use")
		w := c.WelcomeMessages()
		require.Len(t, w, 1)
		assert.Equal(t, added.ExternalUserID, w[0].ExternalUserID)
		assert.Equal(t, "欢迎光临", w[0].Text)
	})
	t.Run("ErrExpired", func(t *testing.T) {
		c := guideCorp(t)
		added, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan"})
		require.NoError(t, err)
		c.Advance(21 * time.Second)
		assert.EqualValues(t, 41050, send(t, c, added.WelcomeCode))
	})
	t.Run("ErrChatted", func(t *testing.T) {
		c := guideCorp(t)
		added, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan"})
		require.NoError(t, err)
		require.NoError(t, c.MemberChats("zhangsan", added.ExternalUserID))
		assert.EqualValues(t, 41051, send(t, c, added.WelcomeCode))
	})
	t.Run("ErrMissingAndUnknown", func(t *testing.T) {
		c := guideCorp(t)
		assert.EqualValues(t, 41049, send(t, c, ""))
		assert.EqualValues(t, 41050, send(t, c, "bogus"))
		assert.Empty(t, c.WelcomeMessages())
	})
}
