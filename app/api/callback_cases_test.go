package api_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
)

func TestCallbackStoresOnceThenAnswers(t *testing.T) {
	for _, tc := range []struct{ driver, redis string }{
		{config.DriverSQLite, config.RedisEmbedded}, {config.DriverMySQL, config.RedisStandalone}, {config.DriverMySQL, config.RedisCluster},
	} {
		t.Run(tc.driver+"/"+tc.redis, func(t *testing.T) {
			rig := newCallbackRig(t, tc.driver, tc.redis)
			now := time.Now()
			add := eventXML("del_follow_user", now.Unix())

			w := rig.post(t, cbCorp, add, now, nil)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			assert.Equal(t, 1, rig.rows(t, "pending"))
			assert.Equal(t, 1, rig.queued(t))

			w = rig.post(t, cbCorp, add, now, nil)
			require.Equal(t, http.StatusOK, w.Code, "a redelivery (re-encrypted) is acknowledged")
			assert.Equal(t, 1, rig.rows(t, "pending"), "and stored once")
			assert.Equal(t, 1, rig.queued(t), "and queued once")

			unknown := eventXML("brand_new_change", now.Unix())
			w = rig.post(t, cbCorp, unknown, now, nil)
			require.Equal(t, http.StatusOK, w.Code, "an unknown event type is acknowledged")
			w = rig.post(t, cbCorp, unknown, now, nil)
			require.Equal(t, http.StatusOK, w.Code, "and so is its redelivery, counted as a duplicate, not a second unknown event")
			assert.Equal(t, 1, rig.rows(t, "ignored"), "stored as ignored")
			assert.Equal(t, 1, rig.queued(t), "and not queued")

			metricsText := httptest.NewRecorder()
			rig.h.ServeHTTP(metricsText, httptest.NewRequest("GET", "/metrics", nil))
			for outcome, n := range map[string]int{"stored": 1, "duplicate": 2, "unknown_type": 1} {
				assert.Contains(t, metricsText.Body.String(), fmt.Sprintf(`siyu_wecom_callbacks_total{outcome="%s"} %d`, outcome, n))
			}
		})
	}
}

func TestCallbackRejectsBadInput(t *testing.T) {
	rig := newCallbackRig(t, config.DriverSQLite, config.RedisEmbedded)
	now := time.Now()
	good := eventXML("del_follow_user", now.Unix())
	tests := []struct {
		name   string
		corp   string
		plain  string
		ts     time.Time
		mutate func(q url.Values, body []byte) []byte
		status int
	}{
		{"forged signature", cbCorp, good, now, func(q url.Values, b []byte) []byte { q.Set("msg_signature", strings.Repeat("0", 40)); return b }, http.StatusUnauthorized},
		{"signature of another body", cbCorp, good, now, func(q url.Values, b []byte) []byte {
			return []byte(strings.Replace(string(b), "<Encrypt><![CDATA[", "<Encrypt><![CDATA[AAAA", 1))
		}, http.StatusUnauthorized},
		{"stale timestamp", cbCorp, good, now.Add(-time.Hour), nil, http.StatusUnauthorized},
		{"unknown corp", "wwnobody", good, now, nil, http.StatusNotFound},
		{"not an event", cbCorp, "hello", now, nil, http.StatusBadRequest},
		{"event of another corp", cbCorp, strings.Replace(good, cbCorp, "wwother", 1), now, nil, http.StatusBadRequest},
		{"not xml at all", cbCorp, good, now, func(q url.Values, b []byte) []byte { return []byte("{}") }, http.StatusBadRequest},
		{"oversized", cbCorp, good, now, func(q url.Values, b []byte) []byte { return []byte(strings.Repeat("x", 5000)) }, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := rig.post(t, tt.corp, tt.plain, tt.ts, tt.mutate)
			assert.Equal(t, tt.status, w.Code, w.Body.String())
			assert.Contains(t, w.Body.String(), `"request_id"`, "a JSON error a person can trace")
		})
	}
	assert.Equal(t, 0, rig.rows(t, "pending")+rig.rows(t, "ignored"), "nothing is stored for a rejected callback")
	assert.Equal(t, 0, rig.queued(t))
	metricsText := httptest.NewRecorder()
	rig.h.ServeHTTP(metricsText, httptest.NewRequest("GET", "/metrics", nil))
	assert.Contains(t, metricsText.Body.String(), fmt.Sprintf(`siyu_wecom_callbacks_total{outcome="rejected"} %d`, len(tests)),
		"every refusal is counted, the oversized one too")
}

func TestCallbackURLVerification(t *testing.T) {
	rig := newCallbackRig(t, config.DriverSQLite, config.RedisEmbedded)
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	echo, err := rig.c.Encrypt([]byte("1616140317555161061"))
	require.NoError(t, err)
	q := url.Values{"msg_signature": {rig.c.Signature(stamp, "n", echo)}, "timestamp": {stamp}, "nonce": {"n"}, "echostr": {echo}}
	w := httptest.NewRecorder()
	rig.h.ServeHTTP(w, httptest.NewRequest("GET", "/wecom/callback/"+cbCorp+"?"+q.Encode(), nil))
	require.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "1616140317555161061", w.Body.String(), "exactly the plaintext, nothing else")

	q.Set("msg_signature", strings.Repeat("1", 40))
	w = httptest.NewRecorder()
	rig.h.ServeHTTP(w, httptest.NewRequest("GET", "/wecom/callback/"+cbCorp+"?"+q.Encode(), nil))
	assert.Equal(t, http.StatusUnauthorized, w.Code)
}

// With the database down the queue alone holds the event; with Redis down
// too nothing can, and WeCom is told to come back (503), never 200.
func TestCallbackWhenStoresAreDown(t *testing.T) {
	rig := newCallbackRig(t, config.DriverSQLite, config.RedisEmbedded)
	now := time.Now()
	w := rig.post(t, cbCorp, eventXML("del_follow_user", now.Unix()), now, nil)
	require.Equal(t, http.StatusOK, w.Code)

	require.NoError(t, rig.db.Close())
	w = rig.post(t, cbCorp, eventXML("del_external_contact", now.Unix()), now, nil)
	require.Equal(t, http.StatusOK, w.Code, "database down: held by the queue")
	assert.Equal(t, 2, rig.queued(t))

	require.NoError(t, rig.redis.Close())
	w = rig.post(t, cbCorp, eventXML("edit_external_contact", now.Unix()), now, nil)
	assert.Equal(t, http.StatusServiceUnavailable, w.Code, "nothing could store it")
}

// A corp not yet in the credentials cache cannot be verified while the
// database is down: WeCom is asked to retry (503), never given a 500.
func TestCallbackColdCacheDatabaseDown(t *testing.T) {
	rig := newCallbackRig(t, config.DriverSQLite, config.RedisEmbedded)
	require.NoError(t, rig.db.Close())
	now := time.Now()
	w := rig.post(t, cbCorp, eventXML("del_follow_user", now.Unix()), now, nil)
	assert.Equal(t, http.StatusServiceUnavailable, w.Code, w.Body.String())
	assert.Equal(t, 0, rig.queued(t))
}
