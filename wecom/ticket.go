package wecom

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/silenceper/wechat/v2/util"

	"github.com/siyu-scrm/siyu/app"
)

// ticketResponse is the answer of both ticket APIs.
type ticketResponse struct {
	util.CommonError
	Ticket    string `json:"ticket"`
	ExpiresIn int64  `json:"expires_in"`
}

// newTicketStores keeps the corp's and the app's JS-SDK tickets in Redis
// like tokens, one fetch at a time across processes: WeCom allows only
// 400 corp and 100 app ticket fetches an hour. The fetch goes through the
// client, so a stale token is dropped and the fetch tried once more.
func (c *Client) newTicketStores(rdb redis.UniversalClient, sleep sleeper) map[string]*tokenStore {
	out := map[string]*tokenStore{}
	for _, kind := range []string{TicketCorp, TicketAgent} {
		key := "siyu:wecom:ticket:" + c.corp.ID + ":" + kind + ":" + secretTag(c.corp.Secret)
		out[kind] = newSharedStore(rdb, key, sleep, func(ctx context.Context) (string, time.Duration, error) {
			return c.fetchTicket(ctx, kind)
		})
	}
	return out
}

func (c *Client) ticket(kind string) (*tokenStore, error) {
	t, ok := c.tickets[kind]
	if !ok {
		return nil, app.Errorf(app.EINVALID, "未知的 JS-SDK ticket 类型 %q", kind)
	}
	return t, nil
}

// fetchTicket asks WeCom for a ticket of kind and how long to keep it.
func (c *Client) fetchTicket(ctx context.Context, kind string) (string, time.Duration, error) {
	api, path, query := apiCorpTicket, "/cgi-bin/get_jsapi_ticket", url.Values{}
	if kind == TicketAgent {
		api, path, query = apiAgentTicket, "/cgi-bin/ticket/get", url.Values{"type": {"agent_config"}}
	}
	var resp ticketResponse
	err := c.call(ctx, api, true, func(s *session) error { return s.get(path, query, &resp) })
	if err != nil {
		return "", 0, err
	}
	if resp.Ticket == "" || resp.ExpiresIn <= 0 {
		return "", 0, mapError(api, fmt.Errorf("%s: answer without ticket or expiry", api))
	}
	return resp.Ticket, tokenTTL(time.Duration(resp.ExpiresIn) * time.Second), nil
}
