package main

import (
	"encoding/json"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// TestDemoSurvivesItsClockAndRestarts runs the real serve on the embedded
// default: after `advance 24h` ten actions of every kind are each taken
// and applied by Siyu (the sandbox signs with the time of delivery, as
// WeCom does), and after customers added through channel codes Siyu made,
// a restart replays those codes, so every external_userid still names the
// same person in the sandbox and in Siyu, and a new add gets a new id.
func TestDemoSurvivesItsClockAndRestarts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := demoEnv(dir)
	p := startProc(t, env, "serve")
	token := apiToken(t, dir)
	waitFor(t, p, token, "/api/v1/corps/demo/sync-runs", syncsDone(1), "the demo's full sync")
	waitFor(t, p, token, "/api/v1/corps/demo/guides?limit=200", func(gs []map[string]any) bool { return len(gs) == 17 }, "the demo's guides")

	actResult(t, env, "advance", "--duration", "24h")
	tenActionsApplied(t, p, env, token)
	names, chA := channelAdds(t, p, env, token)
	require.Equal(t, 0, p.stop(t, syscall.SIGTERM))

	again := startProc(t, env, "serve")
	waitFor(t, again, token, "/api/v1/corps/demo/sync-runs", syncsDone(2), "the sync after the restart")
	assert.NotContains(t, again.stderr.String(), "not replayed", "the journal replayed every change, the channel codes included")
	assert.Equal(t, names, sandboxNames(t, env, names), "the sandbox gives each external_userid to the same person")
	assert.Equal(t, names, siyuNames(t, again, token, names), "so the sync after the restart found nobody renamed")

	fresh := act(t, env, "customer-adds", "--userid", "guide0101", "--config-id", chA.ConfigID, "--name", "重启后新客")
	assert.NotContains(t, names, fresh, "a new add draws a new id")
	assert.Equal(t, names, siyuNames(t, again, token, names))
	code, body := getRaw(t, again, token, "/api/v1/corps/demo/channels/"+itoa(chA.ID)+"/qr.png")
	assert.Equal(t, http.StatusServiceUnavailable, code)
	assert.Contains(t, body, "不是当前运行的沙箱", "the QR URL names the sandbox of the first run, and the error says so")
	require.Equal(t, 0, again.stop(t, syscall.SIGTERM))
}

// tenActionsApplied fires ten actions with the sandbox clock a day ahead;
// `sandbox act` exits 0 only once Siyu took each callback, and the read
// API then shows each one applied.
func tenActionsApplied(t *testing.T, p *proc, env []string, token string) {
	ext1 := act(t, env, "customer-adds", "--userid", "guide0101", "--name", "周甲", "--state", "store01")
	act(t, env, "customer-adds", "--userid", "guide0102", "--external-userid", ext1)
	act(t, env, "member-edits", "--userid", "guide0101", "--external-userid", ext1, "--remark", "老客")
	ext2 := act(t, env, "customer-adds", "--userid", "guide0103", "--name", "吴乙")
	act(t, env, "customer-deletes", "--userid", "guide0103", "--external-userid", ext2)
	act(t, env, "member-deletes", "--userid", "guide0102", "--external-userid", ext1)
	chat := actResult(t, env, "create-group", "--owner", "guide0101", "--name", "新品群")["chat_id"].(string)
	act(t, env, "join-group", "--chat-id", chat, "--members", ext1)
	act(t, env, "rename-group", "--chat-id", chat, "--name", "新品尝鲜群")
	act(t, env, "tag-group-create", "--name", "活动", "--tags", "双十一,年货节")

	waitFor(t, p, token, "/api/v1/corps/demo/follows?external_userid="+ext1, func(fs []apiFollowFull) bool {
		by := followsBy(fs)
		return by["guide0101"].Active && by["guide0101"].Remark == "老客" && by["guide0101"].State == "store01" &&
			by["guide0102"].DeletedBy == "member"
	}, "adds, the second follower, the remark and the member's deletion")
	waitFor(t, p, token, "/api/v1/corps/demo/follows?external_userid="+ext2, func(fs []apiFollowFull) bool {
		return len(fs) == 1 && fs[0].DeletedBy == "customer"
	}, "the customer's deletion")
	waitFor(t, p, token, "/api/v1/corps/demo/groups?limit=200", func(gs []apiGroup) bool {
		i := slices.IndexFunc(gs, func(g apiGroup) bool { return g.ChatID == chat })
		return i >= 0 && gs[i].Name == "新品尝鲜群" && slices.ContainsFunc(gs[i].Members, func(m apiMember) bool { return m.MemberID == ext1 })
	}, "the group created, joined and renamed")
	waitFor(t, p, token, "/api/v1/corps/demo/tags?limit=200", func(gs []apiTagGroup) bool {
		return slices.ContainsFunc(gs, func(g apiTagGroup) bool { return g.Name == "活动" && len(g.Tags) == 2 })
	}, "the tag group")
	code, out, errOut := siyuExec(t, env[len(env)-1:], "sandbox", "show", "deliveries")
	require.Equal(t, 0, code, errOut)
	var ds []sandbox.Delivery
	require.NoError(t, json.Unmarshal([]byte(out), &ds))
	for _, d := range ds {
		assert.Equal(t, sandbox.DeliveryDelivered, d.State, "%s", d.Event.ChangeType)
		assert.Equal(t, http.StatusOK, d.Attempts[0].StatusCode, "%s taken at the first attempt: %s", d.Event.ChangeType, d.Attempts[0].Answer)
	}
}

// channelAdds creates two channel codes through Siyu's API and adds
// customers through them (and one without), returning external_userid →
// name as Siyu has it, and the first channel.
func channelAdds(t *testing.T, p *proc, env []string, token string) (map[string]string, apiChannel) {
	chA := createChannel(t, p, token, "周导个人码", "guide0101")
	chB := createChannel(t, p, token, "林导个人码", "guide0201")
	code, _ := getRaw(t, p, token, "/api/v1/corps/demo/channels/"+itoa(chA.ID)+"/qr.png")
	require.Equal(t, http.StatusOK, code, "the QR code downloads from this run's sandbox")
	names := map[string]string{}
	for _, a := range [][3]string{{"guide0101", chA.ConfigID, "陈丙"}, {"guide0201", chB.ConfigID, "林丁"},
		{"guide0101", chA.ConfigID, "郑戊"}, {"guide0302", "", "何己"}} {
		args := []string{"customer-adds", "--userid", a[0], "--name", a[2]}
		if a[1] != "" {
			args = append(args, "--config-id", a[1])
		}
		names[act(t, env, args...)] = a[2]
	}
	waitFor(t, p, token, "/api/v1/corps/demo/follows?external_userid="+firstKey(names, "郑戊"), func(fs []apiFollowFull) bool {
		return len(fs) == 1 && fs[0].State == chA.State
	}, "the add through the channel code, with its state")
	for deadline := time.Now().Add(30 * time.Second); !maps.Equal(names, siyuNames(t, p, token, names)); time.Sleep(50 * time.Millisecond) {
		require.True(t, time.Now().Before(deadline), "Siyu never held the four customers: %v", siyuNames(t, p, token, names))
	}
	return names, chA
}

func firstKey(m map[string]string, v string) string {
	for k, x := range m {
		if x == v {
			return k
		}
	}
	return ""
}

func apiToken(t *testing.T, dir string) string {
	raw, err := os.ReadFile(filepath.Join(dir, "api.token"))
	require.NoError(t, err)
	return strings.TrimSpace(string(raw))
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

// getRaw GETs path with token and returns the status and body.
func getRaw(t *testing.T, p *proc, token, path string) (int, string) {
	t.Helper()
	status, body := callAPI(t, p, token, http.MethodGet, path, nil)
	return status, string(body)
}

func createChannel(t *testing.T, p *proc, token, name, guide string) apiChannel {
	t.Helper()
	body := map[string]any{"name": name, "kind": "guide", "members": []map[string]any{{"userid": guide}},
		"welcome": map[string]any{"text": "您好，我是您的导购"}}
	status, raw := callAPI(t, p, token, http.MethodPost, "/api/v1/corps/demo/channels", body)
	require.Equal(t, http.StatusCreated, status, string(raw))
	var ch apiChannel
	require.NoError(t, json.Unmarshal(raw, &ch))
	require.NotEmpty(t, ch.ConfigID, string(raw))
	return ch
}
