package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// The read API's shapes the demo tests look at.
type (
	apiFollowFull struct {
		apiFollow
		Remark string `json:"remark"`
	}
	apiGroup struct {
		ChatID  string      `json:"chat_id"`
		Name    string      `json:"name"`
		Members []apiMember `json:"members"`
	}
	apiMember struct {
		MemberID string `json:"member_id"`
	}
	apiTagGroup struct {
		Name string           `json:"name"`
		Tags []map[string]any `json:"tags"`
	}
	apiChannel struct {
		ID       int64  `json:"id"`
		ConfigID string `json:"config_id"`
		State    string `json:"state"`
	}
	apiCustomer struct {
		ExternalUserID string `json:"external_userid"`
		Name           string `json:"name"`
	}
)

func followsBy(fs []apiFollowFull) map[string]apiFollowFull {
	out := map[string]apiFollowFull{}
	for _, f := range fs {
		out[f.UserID] = f
	}
	return out
}

// actResult runs `siyu sandbox act`, which must exit 0, and returns the
// action's result.
func actResult(t *testing.T, env []string, args ...string) map[string]any {
	t.Helper()
	code, out, errOut := siyuExec(t, env[len(env)-1:], append([]string{"sandbox", "act"}, args...)...)
	require.Equal(t, 0, code, errOut)
	var res struct {
		Result map[string]any `json:"result"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &res), out)
	return res.Result
}

// sandboxNames is the name the running sandbox gives each id of want.
func sandboxNames(t *testing.T, env []string, want map[string]string) map[string]string {
	t.Helper()
	code, out, errOut := siyuExec(t, env[len(env)-1:], "sandbox", "show", "customers")
	require.Equal(t, 0, code, errOut)
	var cs []struct{ ExternalUserID, Name string }
	require.NoError(t, json.Unmarshal([]byte(out), &cs))
	got := map[string]string{}
	for _, c := range cs {
		if _, ok := want[c.ExternalUserID]; ok {
			got[c.ExternalUserID] = c.Name
		}
	}
	return got
}

// siyuNames is the name Siyu's read API gives each id of want, read from
// the customers of the guides the demo tests add to.
func siyuNames(t *testing.T, p *proc, token string, want map[string]string) map[string]string {
	t.Helper()
	got := map[string]string{}
	for _, guide := range []string{"guide0101", "guide0201", "guide0302"} {
		var cs []apiCustomer
		require.Equal(t, 200, readAPI(t, p, token, "/api/v1/corps/demo/customers?limit=200&userid="+guide, &cs))
		for _, c := range cs {
			if _, ok := want[c.ExternalUserID]; ok {
				got[c.ExternalUserID] = c.Name
			}
		}
	}
	return got
}
