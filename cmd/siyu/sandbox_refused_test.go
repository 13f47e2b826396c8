package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/demo"
)

// A Siyu that holds the corp with another callback token refuses the
// sandbox's callbacks (401); `siyu sandbox act` applies the action, then
// reports the refusal with Siyu's reason and exits 3.
func TestSandboxActReportsRefusedCallback(t *testing.T) {
	dir := t.TempDir()
	env := append(demoEnv(dir), "SIYU_SANDBOX_DEMO=false")
	code, _, errOut := siyu(t, append(env, "SIYU_CORP_CONTACT_SECRET=s", "SIYU_CORP_TOKEN=not-the-sandbox-token",
		"SIYU_CORP_AES_KEY=jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"), "corp", "add", "--corp-id", "demo", "--name", "错配的演示企业")
	require.Equal(t, 0, code, errOut)
	p := startProc(t, env, "serve")
	urlFile := filepath.Join(dir, "standalone.url")
	d, err := demo.Start(context.Background(), demo.Options{URLFile: urlFile})
	require.NoError(t, err)
	t.Cleanup(func() { d.Close() })
	d.Corp().SetCallbackURL(p.base + "/wecom/callback/demo")

	code, out, errOut := siyu(t, []string{"SIYU_SANDBOX_URL_FILE=" + urlFile}, "sandbox", "act", "customer-adds", "--userid", "guide0101", "--name", "拒收客")
	assert.Equal(t, 3, code, "the action applied, its callback refused")
	assert.Contains(t, out, `"external_userid"`, "the action's result is still printed")
	assert.Contains(t, errOut, "Siyu 未接收其回调")
	assert.Contains(t, errOut, "add_external_contact（投递 #1）：Siyu 拒收（HTTP 401）：签名校验失败")
	assert.Equal(t, 1, strings.Count(errOut, "投递 #"), errOut)

	code, _, errOut = siyu(t, []string{"SIYU_SANDBOX_URL_FILE=" + urlFile}, "sandbox", "act", "advance", "--duration", "1h")
	assert.Equal(t, 0, code, "an action with no callback has nothing to be refused: %s", errOut)
}
