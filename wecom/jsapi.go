package wecom

import (
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// JS-SDK ticket kinds: the corp's (wx.config / ww.register's
// getConfigSignature) and the app's (agentConfig).
const (
	TicketCorp  = "corp"
	TicketAgent = "agent_config"
)

// Ticket API names.
const (
	apiCorpTicket  = "get_jsapi_ticket"
	apiAgentTicket = "ticket/get"
)

// JSSignature is what the JS-SDK needs to trust a page: the signed
// timestamp and nonce, and the signature over them, the ticket and the URL.
type JSSignature struct {
	Timestamp int64  `json:"timestamp"`
	NonceStr  string `json:"nonceStr"`
	Signature string `json:"signature"`
}

// SignJSAPI is WeCom's JS-SDK signature: the SHA-1 hex of
// "jsapi_ticket=T&noncestr=N&timestamp=TS&url=URL", where URL is the page's
// address without its #fragment (the browser never sends the fragment, so
// the page and the server would otherwise sign different strings).
func SignJSAPI(ticket, nonce string, timestamp int64, pageURL string) string {
	pageURL, _, _ = strings.Cut(pageURL, "#")
	sum := sha1.Sum([]byte("jsapi_ticket=" + ticket + "&noncestr=" + nonce +
		"&timestamp=" + strconv.FormatInt(timestamp, 10) + "&url=" + pageURL))
	return hex.EncodeToString(sum[:])
}

// JSSign signs pageURL with the ticket of kind (TicketCorp or TicketAgent)
// at now, with a fresh nonce. The ticket comes from Redis, shared by every
// process, and is fetched when missing.
func (c *Client) JSSign(ctx context.Context, kind, pageURL string, now time.Time) (JSSignature, error) {
	t, err := c.ticket(kind)
	if err != nil {
		return JSSignature{}, err
	}
	ticket, err := t.get(ctx)
	if err != nil {
		return JSSignature{}, err
	}
	s := JSSignature{Timestamp: now.Unix(), NonceStr: nonce()}
	s.Signature = SignJSAPI(ticket, s.NonceStr, s.Timestamp, pageURL)
	return s, nil
}

// nonce is 16 random letters and digits, as WeCom's examples use.
func nonce() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
