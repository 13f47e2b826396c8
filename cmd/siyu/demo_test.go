package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// demoEnv is the embedded default (SQLite, in-process Redis, the demo
// corp) with every file it writes in dir.
// fastTick runs the schedule's minute sweeps every 5 seconds, for tests
// that wait on what a sweep does (reminders, mass-send follow-ups, RFM)
// rather than on the period itself.
const fastTick = "SIYU_SCHEDULER_TICK=5s"

func demoEnv(dir string) []string {
	at := func(name string) string { return filepath.Join(dir, name) }
	return []string{fastHashes, "SIYU_DATABASE_DSN=" + at("siyu.db"), "SIYU_REDIS_SNAPSHOT_PATH=" + at("redis.snapshot"),
		"SIYU_SECURITY_SECRET_KEY_FILE=" + at("secret.key"), "SIYU_SECURITY_API_TOKEN_FILE=" + at("api.token"),
		"SIYU_SANDBOX_JOURNAL_PATH=" + at("sandbox.journal"), "SIYU_SANDBOX_URL_FILE=" + at("sandbox.url")}
}

// fastHashes lowers the console passwords' bcrypt cost in the processes
// tests start: under the race detector each sign-in would otherwise hash
// for about a second.
const fastHashes = "SIYU_SECURITY_BCRYPT_COST=4"

type apiFollow struct {
	UserID    string `json:"userid"`
	State     string `json:"state"`
	Active    bool   `json:"active"`
	DeletedBy string `json:"deleted_by"`
}

// readAPI GETs path on the read API with token into items.
func readAPI(t *testing.T, p *proc, token, path string, items any) int {
	t.Helper()
	status, raw := callAPI(t, p, token, http.MethodGet, path, nil)
	var body struct{ Items json.RawMessage }
	if status == http.StatusOK {
		require.NoError(t, json.Unmarshal(raw, &body))
		require.NoError(t, json.Unmarshal(body.Items, items))
	}
	return status
}

// waitFor polls the read API until ok holds for what path lists.
func waitFor[T any](t *testing.T, p *proc, token, path string, ok func([]T) bool, what string) []T {
	t.Helper()
	var items []T
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		items = nil
		if readAPI(t, p, token, path, &items) == http.StatusOK && ok(items) {
			return items
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: never happened; last %s: %+v\n%s", what, path, items, p.stderr)
		}
	}
}

func syncsDone(n int) func([]map[string]any) bool {
	return func(runs []map[string]any) bool {
		done := 0
		for _, r := range runs {
			if r["status"] == "done" {
				done++
			}
		}
		return done >= n
	}
}

// TestEmbeddedDemo runs the real serve on the embedded default: the demo
// corp is synced, a customer added and deleted through `siyu sandbox act`
// shows up in the read API, and after a restart the sandbox comes back
// from its journal with Siyu's tables still matching it.
func TestEmbeddedDemo(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := demoEnv(dir)
	p := startProc(t, env, "serve")
	raw, err := os.ReadFile(filepath.Join(dir, "api.token"))
	require.NoError(t, err, "the token was generated into api.token")
	token := strings.TrimSpace(string(raw))
	var none []any
	assert.Equal(t, http.StatusUnauthorized, readAPI(t, p, "", "/api/v1/corps/demo/customers", &none))
	assert.Equal(t, http.StatusUnauthorized, readAPI(t, p, "wrong-token-0123456789", "/api/v1/corps/demo/customers", &none))

	waitFor(t, p, token, "/api/v1/corps/demo/sync-runs", syncsDone(1), "the demo's full sync")
	var customers []map[string]any
	require.Equal(t, http.StatusOK, readAPI(t, p, token, "/api/v1/corps/demo/customers?limit=200", &customers))
	assert.Len(t, customers, 200, "the seeded customers are in Siyu")
	resp, err := http.Get(p.base + "/sandbox")
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(page), "✓ Siyu 已一致", "the page shows the mirror matching the sandbox")

	ext := act(t, env, "customer-adds", "--userid", "guide0101", "--name", "演示新客", "--state", "store09")
	follows := "/api/v1/corps/demo/follows?external_userid=" + ext
	waitFor(t, p, token, follows, func(fs []apiFollow) bool {
		return len(fs) == 1 && fs[0].Active && fs[0].State == "store09" && fs[0].UserID == "guide0101"
	}, "the new relation")

	waitFor(t, p, token, "/api/v1/corps/demo/guides?limit=200", func(gs []map[string]any) bool { return len(gs) == 17 },
		"the demo's members bound to its stores (4 managers, 12 guides, the online member)")
	assert.Equal(t, "added_guide→guide0101", waitAssigned(t, p, token, ext), "the add without a Siyu channel goes to the guide added")

	act(t, env, "customer-deletes", "--userid", "guide0101", "--external-userid", ext)
	waitFor(t, p, token, follows, func(fs []apiFollow) bool {
		return len(fs) == 1 && !fs[0].Active && fs[0].DeletedBy == "customer"
	}, "the relation ended by the customer")
	require.Equal(t, 0, p.stop(t, syscall.SIGTERM))

	again := startProc(t, env, "serve")
	waitFor(t, again, token, "/api/v1/corps/demo/sync-runs", syncsDone(2), "the sync after the restart")
	var after []apiFollow
	require.Equal(t, http.StatusOK, readAPI(t, again, token, follows, &after))
	require.Len(t, after, 1)
	assert.False(t, after[0].Active, "the sandbox replayed the deletion: the sync did not revive it")
	code, out, errOut := siyuExec(t, env[len(env)-1:], "sandbox", "show", "customers")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, ext, "the customer added before the restart is back in the sandbox")
	require.Equal(t, 0, again.stop(t, syscall.SIGTERM))
}

// act runs `siyu sandbox act` against the running siyu's sandbox (env's
// last entry names its URL file) and returns the answer's external userid.
func act(t *testing.T, env []string, args ...string) string {
	t.Helper()
	code, out, errOut := siyuExec(t, env[len(env)-1:], append([]string{"sandbox", "act"}, args...)...)
	require.Equal(t, 0, code, errOut)
	var res struct {
		Result struct {
			ExternalUserID string `json:"external_userid"`
		} `json:"result"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &res), out)
	return res.Result.ExternalUserID
}

// waitAssigned polls the customer's assignment history until a decision
// is there and returns the first as rule→guide.
func waitAssigned(t *testing.T, p *proc, token, ext string) string {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		req, err := http.NewRequest("GET", p.base+"/api/v1/corps/demo/customers/"+ext+"/assignments", nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		var body struct {
			Assignments []struct {
				Rule     string `json:"rule"`
				ToUserID string `json:"to_userid"`
			} `json:"assignments"`
		}
		ok := resp.StatusCode == http.StatusOK && json.NewDecoder(resp.Body).Decode(&body) == nil && len(body.Assignments) > 0
		resp.Body.Close()
		if ok {
			return body.Assignments[0].Rule + "→" + body.Assignments[0].ToUserID
		}
	}
	t.Fatalf("no assignment for %s\n%s", ext, p.stderr)
	return ""
}
