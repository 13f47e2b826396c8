package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
)

// getJSON GETs u and decodes its JSON answer into v.
func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	resp, err := http.Get(u)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, u)
	require.NoError(t, json.NewDecoder(resp.Body).Decode(v))
}

// sandboxTickets asks the sandbox, as WeCom, for the demo app's corp and
// agent_config tickets: the same ones Siyu signed with while they live.
func sandboxTickets(t *testing.T, sandbox string) (corp, agent string) {
	var info struct {
		AppSecret string `json:"app_secret"`
	}
	getJSON(t, sandbox+"/sandbox/corps/demo", &info)
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	getJSON(t, sandbox+"/cgi-bin/gettoken?"+url.Values{"corpid": {"demo"}, "corpsecret": {info.AppSecret}}.Encode(), &tok)
	var c, a struct {
		Ticket string `json:"ticket"`
	}
	getJSON(t, sandbox+"/cgi-bin/get_jsapi_ticket?access_token="+url.QueryEscape(tok.AccessToken), &c)
	getJSON(t, sandbox+"/cgi-bin/ticket/get?type=agent_config&access_token="+url.QueryEscape(tok.AccessToken), &a)
	require.NotEmpty(t, c.Ticket)
	require.NotEmpty(t, a.Ticket)
	return c.Ticket, a.Ticket
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
