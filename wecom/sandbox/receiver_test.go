package sandbox_test

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// received is one callback attempt as a receiver saw it.
type received struct {
	XML       string
	Encrypt   string
	Timestamp string
	Verified  bool
}

// receiver is a callback endpoint that verifies and decrypts with
// wecom.Crypter, answering each attempt as answer says.
type receiver struct {
	crypter *wecom.Crypter
	mu      sync.Mutex
	got     []received
	// answer returns the status and a hang (waiting for the client to give
	// up) for the n-th attempt, counted from 0.
	answer func(n int) (status int, hang bool)
}

// newReceiver starts a receiver for the corp and points its callback URL
// at it.
func newReceiver(t *testing.T, c *sandbox.Corp, answer func(n int) (int, bool)) *receiver {
	t.Helper()
	cfg := c.Config()
	cr, err := wecom.NewCrypter(cfg.Token, cfg.EncodingAESKey, cfg.CorpID)
	require.NoError(t, err)
	if answer == nil {
		answer = func(int) (int, bool) { return http.StatusOK, false }
	}
	rc := &receiver{crypter: cr, answer: answer}
	srv := httptest.NewServer(http.HandlerFunc(rc.serve))
	t.Cleanup(srv.Close)
	c.SetCallbackURL(srv.URL + "/wecom/callback")
	return rc
}

func (rc *receiver) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet {
		rc.serveEcho(w, r)
		return
	}
	var env struct {
		ToUserName string `xml:"ToUserName"`
		Encrypt    string `xml:"Encrypt"`
	}
	body, _ := io.ReadAll(r.Body)
	_ = xml.Unmarshal(body, &env)
	q := r.URL.Query()
	got := received{Encrypt: env.Encrypt, Timestamp: q.Get("timestamp"),
		Verified: rc.crypter.Verify(q.Get("msg_signature"), q.Get("timestamp"), q.Get("nonce"), env.Encrypt)}
	if plain, err := rc.crypter.Decrypt(env.Encrypt); err == nil {
		got.XML = string(plain)
	}
	rc.mu.Lock()
	n := len(rc.got)
	rc.got = append(rc.got, got)
	rc.mu.Unlock()
	status, hang := rc.answer(n)
	if hang {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
		return
	}
	w.WriteHeader(status)
}

func (rc *receiver) all() []received {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]received(nil), rc.got...)
}

// xmls returns the decrypted plaintexts received, in arrival order.
func (rc *receiver) xmls() []string {
	var out []string
	for _, r := range rc.all() {
		out = append(out, r.XML)
	}
	return out
}

// serveEcho answers URL verification as a correct receiver must.
func (rc *receiver) serveEcho(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if !rc.crypter.Verify(q.Get("msg_signature"), q.Get("timestamp"), q.Get("nonce"), q.Get("echostr")) {
		w.WriteHeader(http.StatusForbidden)
		return
	}
	plain, err := rc.crypter.Decrypt(q.Get("echostr"))
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	_, _ = w.Write(plain)
}

// newAnswering serves every request with status and body and returns its
// URL.
func newAnswering(t *testing.T, status int, body string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}
