package sandbox_test

import (
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

const followListAPI = "externalcontact/get_follow_user_list"

func followList(t *testing.T, tok string) int {
	t.Helper()
	return get(t, "/cgi-bin/"+followListAPI, url.Values{"access_token": {tok}}).code()
}

func TestFrequencyLimit(t *testing.T) {
	c := guideCorp(t)
	tok := token(t, c)
	c.SetLimit(followListAPI, sandbox.Limit{PerMinute: 3})
	for range 3 {
		require.Equal(t, 0, followList(t, tok))
	}
	assert.Equal(t, 45009, followList(t, tok))
	assert.Equal(t, 45009, followList(t, tok), "blocked for the rest of the minute")
	c.Advance(time.Minute)
	assert.Equal(t, 0, followList(t, tok))
	assert.Equal(t, 0, get(t, "/cgi-bin/externalcontact/list", url.Values{"access_token": {tok}, "userid": {"zhangsan"}}).code(),
		"other APIs have their own counts")
}

func TestConcurrencyLimit(t *testing.T) {
	c := guideCorp(t)
	tok := token(t, c)
	c.SetLimit(followListAPI, sandbox.Limit{Concurrent: 1})
	// The first call is held inside the sandbox by latency; the second
	// arrives while it is in flight.
	c.InjectFault(followListAPI, sandbox.Fault{Latency: 300 * time.Millisecond, Times: 1})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		assert.Equal(t, 0, followList(t, tok))
	}()
	require.Eventually(t, func() bool { return inFlight(c) }, 5*time.Second, time.Millisecond)
	assert.Equal(t, 45033, followList(t, tok))
	wg.Wait()
}

// inFlight reports whether the first call has been admitted: the fault
// consumed (so a second call finds no latency fault) is the sign.
func inFlight(c *sandbox.Corp) bool {
	return c.PendingFaults() == 0
}

func TestFaults(t *testing.T) {
	tests := []struct {
		name       string
		fault      sandbox.Fault
		wantStatus int
		wantCode   int
		dropped    bool
	}{
		{"ErrSystemBusy", sandbox.Fault{ErrCode: -1, Times: 1}, 200, -1, false},
		{"ErrFreq", sandbox.Fault{ErrCode: 45009, Times: 1}, 200, 45009, false},
		{"HTTP502", sandbox.Fault{HTTPStatus: 502, Times: 1}, 502, 0, false},
		{"Dropped", sandbox.Fault{Drop: true, Times: 1}, 0, 0, true},
		{"Latency", sandbox.Fault{Latency: 10 * time.Millisecond, Times: 1}, 200, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := guideCorp(t)
			tok := token(t, c)
			c.InjectFault(followListAPI, tt.fault)
			// A fresh connection: Go's transport silently retries a GET
			// whose reused connection is dropped.
			client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
			resp, err := client.Get(baseURL + "/cgi-bin/" + followListAPI + "?access_token=" + tok)
			if tt.dropped {
				require.Error(t, err)
			} else {
				require.NoError(t, err)
				assert.Equal(t, tt.wantStatus, resp.StatusCode)
				resp.Body.Close()
			}
			assert.Equal(t, 0, followList(t, tok), "the fault was for one call only")
			calls := c.CallsTo(followListAPI)
			require.Len(t, calls, 2)
			faulted := calls[0]
			assert.NotEmpty(t, faulted.Fault)
			assert.Equal(t, tt.wantCode, faulted.ErrCode)
			assert.Equal(t, tt.wantStatus, faulted.HTTPStatus)
			assert.Equal(t, c.ID(), faulted.CorpID)
		})
	}
}

func TestFaultProbabilityAndClear(t *testing.T) {
	c := guideCorp(t)
	tok := token(t, c)
	c.InjectFault("", sandbox.Fault{ErrCode: -1, Probability: 1})
	assert.Equal(t, -1, followList(t, tok))
	assert.Equal(t, -1, followList(t, tok))
	c.ClearFaults()
	assert.Equal(t, 0, followList(t, tok))
}

func TestCallLog(t *testing.T) {
	c := guideCorp(t)
	tok := token(t, c)
	followList(t, tok)
	c.Advance(3 * time.Hour)
	followList(t, tok)
	calls := c.Calls()
	require.Len(t, calls, 3)
	assert.Equal(t, "gettoken", calls[0].API)
	assert.Equal(t, 0, calls[1].ErrCode)
	assert.Equal(t, 42001, calls[2].ErrCode)
	assert.Equal(t, calls[0].Time.Add(3*time.Hour), calls[2].Time)
	c.ResetCalls()
	assert.Empty(t, c.Calls())
}
