package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// consoleGroupSend: the operator makes a group tag on 群标签, puts it on
// 一号店's member group, and sends to the groups carrying it. The preview
// counts one group for its owner (by name), the send's page names the
// group once its owner confirmed in the sandbox.
func consoleGroupSend(t *testing.T, w *consoleWorld) {
	_, store := w.guideName(t, "guide0101")
	owner, _ := w.guideName(t, "manager01")
	group := store + "会员福利群"
	tagID := w.tagGroup(t, "高活跃群", group)
	poster := filepath.Join(t.TempDir(), "周末海报.png")
	require.NoError(t, os.WriteFile(poster, append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 512)...), 0o644))
	w.open(t, "/console/mass-sends", "#masssends")
	w.b.do(t, "a send to groups", chromedp.Click(chromedp.CSS("#new-masssend")), chromedp.WaitVisible(chromedp.CSS("#masssend-form")),
		chromedp.SetUploadFiles(chromedp.CSS("#material_file"), []string{poster}),
		chromedp.Click(chromedp.CSS("#kind-groups")), chromedp.Click(chromedp.CSS(`#group-choices input[name=group_tags][value="`+tagID+`"]`)),
		chromedp.SendKeys(chromedp.CSS("#name"), "群内周末活动"), chromedp.SendKeys(chromedp.CSS("#text"), "群内周末活动：到店有礼"),
		chromedp.Click(chromedp.CSS("#masssend-submit")), chromedp.WaitVisible(chromedp.CSS("#pv-guides")))
	assert.Contains(t, w.b.text(t, "#masssend-audience"), "带群标签「高活跃群」")
	assert.Contains(t, w.b.text(t, "#masssend-media"), "周末海报.png（图片", "the poster by name")
	assert.Contains(t, w.b.text(t, "#pv-targeted"), "将发给 1 个客户群")
	assert.Equal(t, []string{owner}, w.texts(t, "#pv-guides .pv-guide"), "the owner by name")
	w.b.shot(t)
	w.b.do(t, "confirm", chromedp.Click(chromedp.CSS("#start-masssend")), chromedp.WaitVisible(chromedp.CSS("#guides")))
	msgID := w.sandboxMassSend(t, "群内周末活动")
	assert.Len(t, w.sandboxMedia(t, msgID), 1, "the poster went with the send, uploaded to WeCom")
	act(t, w.env, "member-confirms-mass-send", "--msgid", msgID, "--userid", "manager01")
	for deadline := time.Now().Add(100 * time.Second); !strings.Contains(w.b.text(t, "#guides"), "已确认发送"); {
		require.True(t, time.Now().Before(deadline), "the follow-up did not see the confirmation")
		time.Sleep(2 * time.Second)
		w.b.do(t, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#guides")))
	}
	assert.Equal(t, []string{group}, w.texts(t, "#results .group-name"), "the group by name, never its chat id")
	w.b.shot(t)
}

// sandboxMedia is the uploaded media the sandbox's send msgID attaches.
func (w *consoleWorld) sandboxMedia(t *testing.T, msgID string) []string {
	code, out, errOut := siyuExec(t, w.env[len(w.env)-1:], "sandbox", "show", "snapshot")
	require.Equal(t, 0, code, errOut)
	var snap struct {
		MassSends []struct {
			MsgID    string
			MediaIDs []string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &snap))
	for _, m := range snap.MassSends {
		if m.MsgID == msgID {
			return m.MediaIDs
		}
	}
	return nil
}

// tagGroup creates the group tag name on 群标签, puts it on the group
// called group and returns the tag's id; the page then counts one group.
func (w *consoleWorld) tagGroup(t *testing.T, name, group string) string {
	w.open(t, "/console/group-tags", "#group-tags")
	w.b.do(t, "new tag", chromedp.SendKeys(chromedp.CSS(`#new-tag input[name=name]`), name),
		chromedp.Click(chromedp.CSS("#new-tag button")), chromedp.WaitVisible(chromedp.CSS("#group-tags tr[data-tag-id]")))
	chat := get(t, w.b, "find "+group, chromedp.Evaluate[string](`(() => {
		const r = [...document.querySelectorAll('#tagged-groups tr[data-chat-id]')].find(r => r.querySelector('.group-name').textContent.trim() === `+jsString(group)+`);
		return r ? r.dataset.chatId : ""; })()`))
	require.NotEmpty(t, chat, "group %s is not listed", group)
	row := `#tagged-groups tr[data-chat-id="` + chat + `"]`
	w.b.do(t, "tag the group", chromedp.Evaluate[chromedp.Void](`document.querySelector('#flash')?.remove()`), // the new tag's
		chromedp.SetValue(chromedp.CSS(row+" .group-tags"), name), chromedp.Click(chromedp.CSS(row+" button")), chromedp.WaitVisible(chromedp.CSS("#flash")))
	assert.Contains(t, w.b.text(t, "#flash"), "已更新客户群的标签")
	assert.Equal(t, []string{"1"}, w.texts(t, "#group-tags .tag-chats"), "the tag counts its group")
	w.b.shot(t)
	return get(t, w.b, "the tag's id", chromedp.Evaluate[string](`document.querySelector('#group-tags tr[data-tag-id]').dataset.tagId`))
}

// consoleGroupSOP: the operator plans a 社群SOP for the groups carrying
// 高活跃群 (made by consoleGroupSend): the live count drops to one group
// when the tag is ticked, each step row shows only its timing's field,
// the saved SOP is edited keeping its step ids, then paused and resumed,
// each after its confirmation question.
func consoleGroupSOP(t *testing.T, w *consoleWorld) {
	w.open(t, "/console/group-sops", "#group-sops")
	w.b.do(t, "open the editor", chromedp.Click(chromedp.CSS("#new-sop")), chromedp.WaitVisible(chromedp.CSS("#sop-form")))
	ticked := get(t, w.b, "tick 高活跃群", chromedp.Evaluate[bool](`(() => {
		const l = [...document.querySelectorAll('#tag-choices label')].find(l => l.textContent.includes('高活跃群'));
		if (!l) return false; l.querySelector('input').click(); return true; })()`))
	require.True(t, ticked, "the group tag is offered by name")
	w.waitText(t, "#group-count", "当前选中 1 个客户群")
	w.b.do(t, "fill two steps", chromedp.SendKeys(chromedp.CSS("#name"), "周末社群SOP"),
		chromedp.SetValue(chromedp.CSS(".sop-step:nth-child(1) select[name=weekday]"), "6"),
		chromedp.SendKeys(chromedp.CSS(".sop-step:nth-child(1) textarea[name=content]"), "周末到店有礼"),
		chromedp.SetValue(chromedp.CSS(".sop-step:nth-child(2) select[name=kind]"), "after_join"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('.sop-step:nth-child(2) select[name=kind]').dispatchEvent(new Event('change'))`),
		chromedp.SetValue(chromedp.CSS(".sop-step:nth-child(2) input[name=days]"), "0"),
		chromedp.SendKeys(chromedp.CSS(".sop-step:nth-child(2) textarea[name=content]"), "欢迎入群"))
	shown := get(t, w.b, "what the rows show", chromedp.Evaluate[[]bool](`[
		document.querySelector('.sop-step:nth-child(1) select[name=weekday]').hidden, document.querySelector('.sop-step:nth-child(1) input[name=date]').hidden,
		document.querySelector('.sop-step:nth-child(2) .sop-days').hidden, document.querySelector('.sop-step:nth-child(2) select[name=weekday]').hidden]`))
	assert.Equal(t, []bool{false, true, false, true}, shown, "each row shows the field its timing uses")
	t.Run("Editor", w.b.shot)
	w.b.do(t, "save", chromedp.Click(chromedp.CSS("#sop-submit")), chromedp.WaitVisible(chromedp.CSS("#group-sops")))
	assert.Contains(t, w.b.text(t, "#flash"), "已保存社群SOP「周末社群SOP」")
	assert.Equal(t, []string{"2"}, w.texts(t, "#group-sops .sop-steps"))
	w.b.do(t, "edit", chromedp.Click(chromedp.CSS("#group-sops .edit-sop")), chromedp.WaitVisible(chromedp.CSS("#sop-form")))
	assert.Equal(t, "1", w.attrOf(t, ".sop-step:nth-child(1) input[name=step_id]", "value"), "the step keeps its id")
	w.b.do(t, "change a step", chromedp.SetValue(chromedp.CSS(".sop-step:nth-child(1) textarea[name=content]"), "周末到店有礼，会员双倍积分"),
		chromedp.Click(chromedp.CSS("#sop-submit")), chromedp.WaitVisible(chromedp.CSS("#group-sops")))
	assert.Contains(t, w.b.text(t, "#flash"), "已保存社群SOP")
	asks := get(t, w.b, "read the question", chromedp.Evaluate[string](`document.querySelector('#group-sops form[action$="/pause"]').dataset.confirm`))
	assert.Contains(t, asks, "确定暂停")
	w.acceptConfirms(t)
	w.b.do(t, "pause", chromedp.Click(chromedp.CSS("#group-sops .pause-sop")), chromedp.WaitVisible(chromedp.CSS("#group-sops .resume-sop")))
	assert.Contains(t, w.b.text(t, "#group-sops .sop-status"), "已暂停")
	w.acceptConfirms(t)
	w.b.do(t, "resume", chromedp.Click(chromedp.CSS("#group-sops .resume-sop")), chromedp.WaitVisible(chromedp.CSS("#group-sops .pause-sop")))
	assert.Contains(t, w.b.text(t, "#group-sops .sop-status"), "进行中")
	w.b.shot(t)
}
