package wecom

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const head = `<ToUserName><![CDATA[ww_corp]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
	`<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType>`

func xmlEvent(event, change, body string) []byte {
	return []byte(`<xml>` + head + `<Event><![CDATA[` + event + `]]></Event><ChangeType><![CDATA[` + change + `]]></ChangeType>` + body + `</xml>`)
}

func TestParseEvent(t *testing.T) {
	h := func(event, change string) Header {
		return Header{CorpID: "ww_corp", CreateTime: 1403610513, Event: event, ChangeType: change}
	}
	pair := `<UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[woAJ2]]></ExternalUserID>`
	zs := Contact{UserID: "zhangsan", ExternalUserID: "woAJ2"}
	tests := []struct {
		name string
		xml  []byte
		want Event
	}{
		{"add", xmlEvent(EventExternalContact, "add_external_contact", pair+`<State><![CDATA[c42]]></State><WelcomeCode><![CDATA[WC]]></WelcomeCode>`),
			ContactAdded{Header: h(EventExternalContact, "add_external_contact"), Contact: zs, State: "c42", WelcomeCode: "WC"}},
		{"add half", xmlEvent(EventExternalContact, "add_half_external_contact", pair+`<State><![CDATA[s]]></State>`),
			ContactAdded{Header: h(EventExternalContact, "add_half_external_contact"), Contact: zs, State: "s", Half: true}},
		{"edit", xmlEvent(EventExternalContact, "edit_external_contact", pair),
			ContactEdited{Header: h(EventExternalContact, "edit_external_contact"), Contact: zs}},
		{"member deletes", xmlEvent(EventExternalContact, "del_external_contact", pair+`<Source><![CDATA[DELETE_BY_TRANSFER]]></Source>`),
			ContactDeleted{Header: h(EventExternalContact, "del_external_contact"), Contact: zs, Source: "DELETE_BY_TRANSFER"}},
		{"customer deletes", xmlEvent(EventExternalContact, "del_follow_user", pair),
			FollowUserDeleted{Header: h(EventExternalContact, "del_follow_user"), Contact: zs}},
		{"transfer fail", xmlEvent(EventExternalContact, "transfer_fail", `<FailReason><![CDATA[customer_refused]]></FailReason>`+pair),
			TransferFailed{Header: h(EventExternalContact, "transfer_fail"), Contact: zs, FailReason: "customer_refused"}},
		{"chat create", xmlEvent(EventExternalChat, "create", `<ChatId><![CDATA[wrOg]]></ChatId>`),
			ChatCreated{Header: h(EventExternalChat, "create"), Chat: Chat{"wrOg"}}},
		{"chat update", xmlEvent(EventExternalChat, "update", `<ChatId><![CDATA[wrOg]]></ChatId><UpdateDetail><![CDATA[add_member]]></UpdateDetail>`+
			`<JoinScene>3</JoinScene><QuitScene>0</QuitScene><MemChangeCnt>2</MemChangeCnt><MemChangeList><Item>Jack</Item><Item>Rose</Item></MemChangeList>`+
			`<LastMemVer>a</LastMemVer><CurMemVer>b</CurMemVer>`),
			ChatUpdated{Header: h(EventExternalChat, "update"), Chat: Chat{"wrOg"}, UpdateDetail: "add_member", JoinScene: 3, MemChangeCnt: 2,
				MemChangeList: []string{"Jack", "Rose"}, LastMemVer: "a", CurMemVer: "b"}},
		{"chat update, blank numbers", xmlEvent(EventExternalChat, "update", `<ChatId><![CDATA[wrOg]]></ChatId><UpdateDetail><![CDATA[change_name]]></UpdateDetail><JoinScene></JoinScene>`),
			ChatUpdated{Header: h(EventExternalChat, "update"), Chat: Chat{"wrOg"}, UpdateDetail: "change_name"}},
		{"chat dismiss", xmlEvent(EventExternalChat, "dismiss", `<ChatId><![CDATA[wrOg]]></ChatId>`),
			ChatDismissed{Header: h(EventExternalChat, "dismiss"), Chat: Chat{"wrOg"}}},
		{"tag create", xmlEvent(EventExternalTag, "create", `<Id><![CDATA[et1]]></Id><TagType><![CDATA[tag]]></TagType><StrategyId>1</StrategyId>`),
			TagChanged{Header: h(EventExternalTag, "create"), ID: "et1", TagType: "tag", StrategyID: "1"}},
		{"tag shuffle", xmlEvent(EventExternalTag, "shuffle", `<Id><![CDATA[etg]]></Id><StrategyId><![CDATA[7]]></StrategyId>`),
			TagChanged{Header: h(EventExternalTag, "shuffle"), ID: "etg", StrategyID: "7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseEvent(tt.xml)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseUnknownAndMalformed(t *testing.T) {
	got, err := ParseEvent(xmlEvent("change_contact", "create_user", `<UserID>x</UserID>`))
	require.NoError(t, err, "an event Siyu does not handle is not an error")
	assert.IsType(t, Unknown{}, got)
	got, err = ParseEvent(xmlEvent(EventExternalContact, "brand_new_change", ""))
	require.NoError(t, err)
	assert.Equal(t, "change_external_contact/brand_new_change", got.Kind())

	for name, body := range map[string][]byte{
		"not xml":         []byte("hello"),
		"no create time":  []byte(`<xml><ToUserName>ww</ToUserName><Event>change_external_contact</Event></xml>`),
		"add without ids": xmlEvent(EventExternalContact, "add_external_contact", `<UserID>u</UserID>`),
		"chat without id": xmlEvent(EventExternalChat, "dismiss", ""),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseEvent(body)
			assert.True(t, errors.Is(err, ErrMalformed), "%v", err)
		})
	}
}

func TestDedupeKey(t *testing.T) {
	pair := `<UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[woAJ2]]></ExternalUserID>`
	a, err := ParseEvent(xmlEvent(EventExternalContact, "del_follow_user", pair))
	require.NoError(t, err)
	spaced := regexp.MustCompile(`(</\w+>)<`).ReplaceAllString(string(xmlEvent(EventExternalContact, "del_follow_user", pair)), "$1\n  <")
	require.Contains(t, spaced, "\n  <")
	b, err := ParseEvent([]byte(spaced))
	require.NoError(t, err)
	assert.Equal(t, DedupeKey(a), DedupeKey(b), "formatting does not change the key")
	assert.Len(t, DedupeKey(a), 64)

	c, err := ParseEvent(xmlEvent(EventExternalContact, "del_external_contact", pair))
	require.NoError(t, err)
	assert.NotEqual(t, DedupeKey(a), DedupeKey(c), "same pair, other change type")
	later := strings.Replace(string(xmlEvent(EventExternalContact, "del_follow_user", pair)), "1403610513", "1403610514", 1)
	d, err := ParseEvent([]byte(later))
	require.NoError(t, err)
	assert.NotEqual(t, DedupeKey(a), DedupeKey(d), "same change a second later is another event")
}

func TestOpenCallback(t *testing.T) {
	c := vectorCrypter(t)
	plain := xmlEvent(EventExternalChat, "dismiss", `<ChatId><![CDATA[wrOg]]></ChatId>`)
	body1, sig1, err := c.SealCallback(plain, "1700000000", "n1")
	require.NoError(t, err)
	body2, sig2, err := c.SealCallback(plain, "1700000000", "n1")
	require.NoError(t, err)
	assert.NotEqual(t, string(body1), string(body2), "a retry is re-encrypted")

	got1, err := c.OpenCallback(sig1, "1700000000", "n1", body1)
	require.NoError(t, err)
	got2, err := c.OpenCallback(sig2, "1700000000", "n1", body2)
	require.NoError(t, err)
	e1, _ := ParseEvent(got1)
	e2, _ := ParseEvent(got2)
	assert.Equal(t, DedupeKey(e1), DedupeKey(e2), "the key comes from the decrypted content, not the ciphertext")

	_, err = c.OpenCallback(sig2, "1700000000", "n1", body1)
	assert.ErrorIs(t, err, ErrSignature)
	_, err = c.OpenCallback(sig1, "1700000000", "n1", []byte("<xml></xml>"))
	assert.ErrorIs(t, err, ErrMalformed)

	echo, err := c.OpenEcho(vecGetSig, vecGetTS, vecGetNonce, vecGetEchostr)
	require.NoError(t, err)
	assert.Equal(t, "1616140317555161061", string(echo))
}

// FuzzParseEvent: no input may panic the parser, and whatever parses has a
// stable key.
func FuzzParseEvent(f *testing.F) {
	pair := `<UserID><![CDATA[u]]></UserID><ExternalUserID><![CDATA[e]]></ExternalUserID>`
	f.Add(xmlEvent(EventExternalContact, "add_external_contact", pair))
	f.Add(xmlEvent(EventExternalChat, "update", `<ChatId>c</ChatId><MemChangeList><Item>a</Item></MemChangeList>`))
	f.Add(xmlEvent(EventExternalTag, "shuffle", `<Id>x</Id>`))
	f.Add([]byte(`<xml><CreateTime>-1</CreateTime></xml>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := ParseEvent(b)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		if DedupeKey(e) != DedupeKey(e) || e.Head().CreateTime <= 0 {
			t.Fatalf("unstable key or bad header for %q", b)
		}
	})
}
