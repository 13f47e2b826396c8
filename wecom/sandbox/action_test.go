package sandbox_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// body returns the part of an event between the common header and </xml>.
func body(xml string) string {
	_, rest, _ := strings.Cut(xml, "</ChangeType>")
	return strings.TrimSuffix(rest, "</xml>")
}

func TestContactActions(t *testing.T) {
	c := guideCorp(t)
	rc := newReceiver(t, c, nil)
	added, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan", AlreadyChatted: true, Half: true})
	require.NoError(t, err)
	assert.Empty(t, added.WelcomeCode, "no welcome code once they have chatted")
	ext := added.ExternalUserID
	remark := "王女士"
	require.NoError(t, c.MemberEditsCustomer("zhangsan", ext, sandbox.Edit{Remark: &remark}))
	require.NoError(t, c.MemberDeletesCustomer("zhangsan", ext, "DELETE_BY_TRANSFER"))
	_, err = c.CustomerAdds(sandbox.Add{UserID: "zhangsan", Customer: sandbox.Customer{ExternalUserID: ext}})
	require.NoError(t, err)
	require.NoError(t, c.CustomerDeletesMember("zhangsan", ext))
	assert.True(t, errors.Is(c.CustomerDeletesMember("zhangsan", ext), sandbox.ErrNotFound))
	waitAll(t, c)

	x := rc.xmls()
	require.Len(t, x, 5)
	ids := "<UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[" + ext + "]]></ExternalUserID>"
	assert.Contains(t, x[0], "<ChangeType><![CDATA[add_half_external_contact]]></ChangeType>")
	assert.Contains(t, x[0], "<WelcomeCode><![CDATA[]]></WelcomeCode>")
	assert.Equal(t, ids, body(x[1]))
	assert.Contains(t, x[1], "edit_external_contact")
	assert.Equal(t, ids+"<Source><![CDATA[DELETE_BY_TRANSFER]]></Source>", body(x[2]))
	assert.Contains(t, x[3], "add_external_contact")
	assert.Contains(t, x[4], "<ChangeType><![CDATA[del_follow_user]]></ChangeType>"+ids)
	_, ok := c.Follow("zhangsan", ext)
	assert.False(t, ok)
}

func TestGroupActions(t *testing.T) {
	c := guideCorp(t)
	rc := newReceiver(t, c, nil)
	a := c.PutCustomer(sandbox.Customer{Name: "Jack"})
	b := c.PutCustomer(sandbox.Customer{Name: "Rose"})
	chat, err := c.CreateGroup(sandbox.NewGroup{Owner: "zhangsan", Name: "福利群"})
	require.NoError(t, err)
	v0 := groupVersion(t, c, chat)
	require.NoError(t, c.JoinGroup(chat, sandbox.Join{Members: []string{a, b}, JoinScene: 3, State: "tuan01"}))
	v1 := groupVersion(t, c, chat)
	require.NoError(t, c.LeaveGroup(chat, sandbox.Leave{Members: []string{b}, QuitScene: 1}))
	require.NoError(t, c.RenameGroup(chat, "新名字"))
	require.NoError(t, c.DismissGroup(chat))
	waitAll(t, c)

	x := rc.xmls()
	require.Len(t, x, 5)
	chatField := "<ChatId><![CDATA[" + chat + "]]></ChatId>"
	assert.Equal(t, chatField, body(x[0]))
	assert.Contains(t, x[0], "<ChangeType><![CDATA[create]]></ChangeType>")
	assert.Equal(t, chatField+"<UpdateDetail><![CDATA[add_member]]></UpdateDetail><JoinScene>3</JoinScene>"+
		"<MemChangeCnt>2</MemChangeCnt><MemChangeList><Item><![CDATA["+a+"]]></Item><Item><![CDATA["+b+"]]></Item></MemChangeList>"+
		"<LastMemVer><![CDATA["+v0+"]]></LastMemVer><CurMemVer><![CDATA["+v1+"]]></CurMemVer>", body(x[1]))
	assert.Contains(t, body(x[2]), "<UpdateDetail><![CDATA[del_member]]></UpdateDetail><QuitScene>1</QuitScene><MemChangeCnt>1</MemChangeCnt>")
	assert.Equal(t, chatField+"<UpdateDetail><![CDATA[change_name]]></UpdateDetail>", body(x[3]))
	assert.Contains(t, x[4], "<ChangeType><![CDATA[dismiss]]></ChangeType>")

	snap := c.Snapshot()
	require.Len(t, snap.Groups, 1)
	g := snap.Groups[0]
	assert.True(t, g.Dismissed)
	assert.Equal(t, "新名字", g.Name)
	require.Len(t, g.Members, 2)
	assert.Equal(t, "tuan01", g.Members[1].State)
	assert.Equal(t, 2, g.Members[1].Type)
}

func groupVersion(t *testing.T, c *sandbox.Corp, chat string) string {
	t.Helper()
	for _, g := range c.Snapshot().Groups {
		if g.ChatID == chat {
			return g.Version
		}
	}
	t.Fatalf("group %s not found", chat)
	return ""
}

func TestTagConsoleActions(t *testing.T) {
	c := guideCorp(t)
	rc := newReceiver(t, c, nil)
	g, err := c.ConsoleCreateTagGroup("等级", 10, sandbox.TagSpec{Name: "金卡", Order: 2}, sandbox.TagSpec{Name: "银卡", Order: 1})
	require.NoError(t, err)
	tag, err := c.ConsoleCreateTag(g.GroupID, "铜卡", 0)
	require.NoError(t, err)
	require.NoError(t, c.ConsoleEditTag(tag.ID, "普通", nil))
	require.NoError(t, c.ConsoleShuffleTags(g.GroupID))
	require.NoError(t, c.ConsoleDeleteTag(tag.ID))
	require.NoError(t, c.ConsoleDeleteTag(g.GroupID))
	waitAll(t, c)

	x := rc.xmls()
	require.Len(t, x, 6)
	assert.Equal(t, "<Id><![CDATA["+g.GroupID+"]]></Id><TagType><![CDATA[tag_group]]></TagType>", body(x[0]))
	assert.Equal(t, "<Id><![CDATA["+tag.ID+"]]></Id><TagType><![CDATA[tag]]></TagType>", body(x[1]))
	assert.Contains(t, x[2], "<ChangeType><![CDATA[update]]></ChangeType>")
	assert.Equal(t, "<Id><![CDATA["+g.GroupID+"]]></Id>", body(x[3]))
	assert.Contains(t, x[3], "<Event><![CDATA[change_external_tag]]></Event><ChangeType><![CDATA[shuffle]]></ChangeType>")
	assert.Contains(t, x[4], "<ChangeType><![CDATA[delete]]></ChangeType>")
	assert.Contains(t, x[5], "<TagType><![CDATA[tag_group]]></TagType>")
	assert.Empty(t, c.Snapshot().TagGroups)
}

func TestAddWithUnknownMember(t *testing.T) {
	c := guideCorp(t)
	_, err := c.CustomerAdds(sandbox.Add{UserID: "nobody"})
	assert.ErrorIs(t, err, sandbox.ErrNotFound)
}
