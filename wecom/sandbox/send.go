package sandbox

import (
	"context"
	"crypto/rand"
	"encoding/xml"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// deliver runs every attempt of one delivery, as WeCom does: fresh
// encryption each time, success only on HTTP 200 within the timeout.
func (c *Corp) deliver(ctx context.Context, dl *Delivery, opts DeliveryOptions) {
	wait := opts.Delay
	if opts.MaxJitter > 0 {
		wait += time.Duration(c.sb.intn(int(opts.MaxJitter)))
	}
	if !sleepCtx(ctx, wait) {
		c.setState(dl, DeliveryAbandoned)
		return
	}
	for n := 0; n <= opts.Retries; n++ {
		if n > 0 && !sleepCtx(ctx, opts.RetryDelay) {
			c.setState(dl, DeliveryAbandoned)
			return
		}
		target := c.callbackURL(dl.Event)
		if target == "" {
			c.setState(dl, DeliveryNoURL)
			return
		}
		if a := c.attempt(ctx, target, dl.Event, opts.Timeout); c.record(dl, a) {
			return
		}
	}
	c.setState(dl, DeliveryFailed)
}

// record stores an attempt and reports whether it delivered.
func (c *Corp) record(dl *Delivery, a Attempt) bool {
	c.delivery.mu.Lock()
	defer c.delivery.mu.Unlock()
	dl.Attempts = append(dl.Attempts, a)
	if a.OK() {
		dl.State = DeliveryDelivered
	}
	return a.OK()
}

func (c *Corp) setState(dl *Delivery, s DeliveryState) {
	c.delivery.mu.Lock()
	defer c.delivery.mu.Unlock()
	dl.State = s
}

// envelope is the POST body: ToUserName, AgentID and the ciphertext.
type envelope struct {
	XMLName    xml.Name `xml:"xml"`
	ToUserName cdata    `xml:"ToUserName"`
	AgentID    cdata    `xml:"AgentID"`
	Encrypt    cdata    `xml:"Encrypt"`
}

type cdata struct {
	Text string `xml:",cdata"`
}

// attempt seals and POSTs the event once. The signature's timestamp is the
// wall-clock time of this attempt, as WeCom's is: a receiver refuses a
// stale timestamp as a replay, and the corp's clock may have been moved
// days ahead. The event's CreateTime keeps the corp's business time.
func (c *Corp) attempt(ctx context.Context, target string, ev Event, timeout time.Duration) Attempt {
	if ev.OA {
		return c.oaAttempt(ctx, target, ev, timeout)
	}
	a := Attempt{At: time.Now(), Nonce: randomNonce()}
	enc, err := c.crypter.Encrypt([]byte(ev.XML))
	if err != nil {
		a.Err = err.Error()
		return a
	}
	ts := strconv.FormatInt(a.At.Unix(), 10)
	a.Encrypt, a.Signature = enc, c.crypter.Signature(ts, a.Nonce, enc)
	body, _ := xml.Marshal(envelope{ToUserName: cdata{c.cfg.CorpID}, Encrypt: cdata{enc}})
	q := url.Values{"msg_signature": {a.Signature}, "timestamp": {ts}, "nonce": {a.Nonce}}
	a.StatusCode, a.Answer, err = c.post(ctx, withQuery(target, q), body, timeout)
	if err != nil {
		a.Err = err.Error()
	}
	return a
}

// maxAnswer is how much of a receiver's answer an attempt keeps: enough
// for an error message, not a whole page.
const maxAnswer = 1 << 10

// post sends one attempt and returns the status and the start of the
// answer's body.
func (c *Corp) post(ctx context.Context, target string, body []byte, timeout time.Duration) (int, string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(string(body)))
	if err != nil {
		return 0, "", fmt.Errorf("callback request: %w", err)
	}
	req.Header.Set("Content-Type", "text/xml")
	resp, err := c.sb.client.Do(req)
	if err != nil {
		return 0, "", fmt.Errorf("callback post: %w", err)
	}
	defer resp.Body.Close()
	var answer strings.Builder
	// The answer only counts once it is read in full within the timeout.
	if _, err := io.Copy(&capped{w: &answer, left: maxAnswer}, resp.Body); err != nil {
		return 0, "", fmt.Errorf("callback answer: %w", err)
	}
	return resp.StatusCode, answer.String(), nil
}

// capped keeps the first left bytes written to it and discards the rest.
type capped struct {
	w    io.Writer
	left int
}

func (c *capped) Write(p []byte) (int, error) {
	keep := p[:min(len(p), c.left)]
	c.left -= len(keep)
	if _, err := c.w.Write(keep); err != nil {
		return 0, err
	}
	return len(p), nil
}

func withQuery(target string, q url.Values) string {
	sep := "?"
	if strings.Contains(target, "?") {
		sep = "&"
	}
	return target + sep + q.Encode()
}

// randomNonce is a numeric nonce like WeCom's ("1372623149").
func randomNonce() string {
	n, _ := rand.Int(rand.Reader, big.NewInt(9_000_000_000))
	return strconv.FormatInt(n.Int64()+1_000_000_000, 10)
}
