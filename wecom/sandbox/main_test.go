package sandbox_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/silenceper/wechat/v2/util"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// One sandbox serves the whole test binary, each test on its own corp,
// because the SDK's URI modifier is process-global.
var (
	sb      *sandbox.Sandbox
	baseURL string
)

func TestMain(m *testing.M) {
	sb = sandbox.New(sandbox.Options{Delivery: sandbox.DeliveryOptions{
		RetryDelay: 5 * time.Millisecond, Timeout: 2 * time.Second,
	}})
	var err error
	baseURL, err = sb.Start("")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	util.SetURIModifier(func(u string) string {
		u = strings.Replace(u, "https://qyapi.weixin.qq.com", baseURL, 1)
		return strings.Replace(u, "https://api.weixin.qq.com", baseURL, 1)
	})
	code := m.Run()
	_ = sb.Close()
	os.Exit(code)
}

// newCorp adds a corp named after the test (and suffix), so tests never
// share state.
func newCorp(t *testing.T, edit ...func(*sandbox.CorpConfig)) *sandbox.Corp {
	t.Helper()
	return newCorpNamed(t, "", edit...)
}

func newCorpNamed(t *testing.T, suffix string, edit ...func(*sandbox.CorpConfig)) *sandbox.Corp {
	t.Helper()
	sum := sha256.Sum256([]byte(t.Name() + "/" + suffix))
	cfg := sandbox.NewCorpConfig("ww" + hex.EncodeToString(sum[:])[:16])
	for _, e := range edit {
		e(&cfg)
	}
	c, err := sb.AddCorp(cfg)
	require.NoError(t, err)
	return c
}

// reply is a decoded WeCom answer.
type reply map[string]any

func (r reply) code() int { return int(r["errcode"].(float64)) }

// token fetches a contact-secret token over plain HTTP.
func token(t *testing.T, c *sandbox.Corp) string {
	t.Helper()
	r := get(t, "/cgi-bin/gettoken", url.Values{"corpid": {c.ID()}, "corpsecret": {c.Config().ContactSecret}})
	require.Equal(t, 0, r.code(), r)
	return r["access_token"].(string)
}

func get(t *testing.T, path string, q url.Values) reply {
	t.Helper()
	resp, err := http.Get(baseURL + path + "?" + q.Encode())
	require.NoError(t, err)
	return decode(t, resp)
}

// post sends body (a value to marshal, or a raw string) as JSON.
func post(t *testing.T, path, tok string, body any) reply {
	t.Helper()
	raw, ok := body.(string)
	if !ok {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		raw = string(b)
	}
	resp, err := http.Post(baseURL+path+"?access_token="+url.QueryEscape(tok), "application/json", bytes.NewBufferString(raw))
	require.NoError(t, err)
	return decode(t, resp)
}

func decode(t *testing.T, resp *http.Response) reply {
	t.Helper()
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, "WeCom answers 200 even on errors")
	var r reply
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&r))
	require.Contains(t, r, "errmsg")
	return r
}

// strs converts a decoded JSON array to strings.
func strs(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// between returns the text of s between the first from and the next to.
func between(s, from, to string) string {
	_, rest, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, to)
	return v
}

// getFrom and postTo talk to another sandbox than the shared one.
func getFrom(t *testing.T, base, pathAndQuery string) reply {
	t.Helper()
	resp, err := http.Get(base + pathAndQuery)
	require.NoError(t, err)
	return decode(t, resp)
}

func postTo(t *testing.T, base, path, tok string, body any) reply {
	t.Helper()
	b, err := json.Marshal(body)
	require.NoError(t, err)
	resp, err := http.Post(base+path+"?access_token="+url.QueryEscape(tok), "application/json", bytes.NewReader(b))
	require.NoError(t, err)
	return decode(t, resp)
}
