package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/demo"
)

func TestSandboxActUsage(t *testing.T) {
	noSandbox := []string{"SIYU_SANDBOX_URL_FILE=" + filepath.Join(t.TempDir(), "sandbox.url")}
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no action", []string{"sandbox", "act"}, 2, "缺少动作名 (missing action name)"},
		{"list of actions", []string{"sandbox", "act", "--help"}, 0, "customer-adds"},
		{"unknown action", []string{"sandbox", "act", "customer-sings"}, 2, `未知动作 "customer-sings" (unknown action)`},
		{"missing flag", []string{"sandbox", "act", "customer-deletes", "--userid", "guide0101"}, 2, "缺少 --external-userid (missing --external-userid)"},
		{"not an integer", []string{"sandbox", "act", "customer-adds", "--userid", "guide0101", "--add-way", "two"}, 2, "--add-way wants an integer"},
		{"not a duration", []string{"sandbox", "act", "advance", "--duration", "soon"}, 2, "--duration wants a duration like 24h"},
		{"unknown flag", []string{"sandbox", "act", "customer-adds", "--colour", "red"}, 2, "flag provided but not defined: -colour"},
		{"unknown kind", []string{"sandbox", "show", "orders"}, 2, `未知状态种类 "orders" (unknown KIND)`},
		{"no running sandbox", []string{"sandbox", "act", "customer-adds", "--userid", "guide0101"}, 1, "找不到运行中的沙箱 (no running sandbox found)"},
		{"sandbox not answering", []string{"sandbox", "act", "customer-adds", "--userid", "guide0101", "--sandbox", "http://" + freeAddr(t)}, 1, "无法连接沙箱 (cannot reach the sandbox)"},
		{"unknown sandbox command", []string{"sandbox", "frobnicate"}, 2, `unknown sandbox command "frobnicate"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := siyu(t, noSandbox, tt.args...)
			assert.Equal(t, tt.code, code, errOut)
			assert.Contains(t, errOut, tt.msg)
		})
	}
}

// act and show reach a running sandbox through the URL file it wrote, as
// they reach the one of a running siyu.
func TestSandboxActAndShow(t *testing.T) {
	urlFile := filepath.Join(t.TempDir(), "sandbox.url")
	d, err := demo.Start(context.Background(), demo.Options{URLFile: urlFile})
	require.NoError(t, err)
	t.Cleanup(func() { d.Close() })
	env := []string{"SIYU_SANDBOX_URL_FILE=" + urlFile}

	code, out, errOut := siyu(t, env, "sandbox", "act", "customer-adds", "--userid", "guide0101", "--name", "李雷", "--state", "store09", "--chatted")
	require.Equal(t, 0, code, errOut)
	var res struct {
		Result struct {
			ExternalUserID string `json:"external_userid"`
			WelcomeCode    string `json:"welcome_code"`
		} `json:"result"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &res), out)
	f, ok := d.Corp().Follow("guide0101", res.Result.ExternalUserID)
	require.True(t, ok, "the action reached the sandbox")
	assert.Equal(t, "store09", f.State)
	assert.True(t, f.Chatted, "a bool flag is a switch")
	assert.Empty(t, res.Result.WelcomeCode)

	code, out, errOut = siyu(t, env, "sandbox", "show", "follows", "--external-userid", res.Result.ExternalUserID)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, `"State": "store09"`)

	code, _, errOut = siyu(t, env, "sandbox", "act", "customer-adds", "--userid", "nobody")
	assert.Equal(t, 1, code, "the sandbox's refusal is not a usage error")
	assert.Contains(t, errOut, `member "nobody"`)
	assert.Contains(t, errOut, "(HTTP 404)")
}
