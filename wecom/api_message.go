package wecom

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/silenceper/wechat/v2/util"

	"github.com/siyu-scrm/siyu/app"
)

// apiMessageSend sends app messages to members (doc 90236).
const apiMessageSend = "message/send"

// AppMessage is an app message (应用消息) to members: text, or a textcard
// whose button opens URL. WeCom delivers at most 30 a minute and 1,000 an
// hour to one member and silently drops the rest, so senders must pace
// themselves per member; DuplicateCheck makes WeCom drop a message whose
// request is the same as one sent within DuplicateInterval, so a retry
// after an ambiguous failure is not seen twice.
type AppMessage struct {
	// ToUsers are the members' userids (at most 1,000).
	ToUsers []string
	// Text is the body of a text message; with Title set it is the
	// textcard's description instead.
	Text string
	// Title, URL and Button make a textcard (Button ≤ 4 characters,
	// WeCom's 详情 when empty).
	Title, URL, Button string
	// DuplicateCheck and DuplicateInterval (seconds, ≤ 4 h; WeCom's 1,800
	// when zero) turn on WeCom's duplicate check.
	DuplicateCheck    bool
	DuplicateInterval int
}

// AppMessageResult is what WeCom answered: recipients it refused
// (userids come back lower-cased) and the message id.
type AppMessageResult struct {
	InvalidUsers []string
	MsgID        string
}

// Outcome is what became of the message r answers, or err refused (r is
// nil then): see app.AppMessageOutcome.
func (r *AppMessageResult) Outcome(err error, unreachable string, now time.Time) app.MessageOutcome {
	if r == nil {
		return app.AppMessageOutcome("", 0, err, unreachable, now)
	}
	return app.AppMessageOutcome(r.MsgID, len(r.InvalidUsers), err, unreachable, now)
}

type messageText struct {
	Content string `json:"content"`
}

type messageCard struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	URL         string `json:"url"`
	BtnTxt      string `json:"btntxt,omitempty"`
}

type messageRequest struct {
	ToUser                 string       `json:"touser"`
	MsgType                string       `json:"msgtype"`
	AgentID                int          `json:"agentid"`
	Text                   *messageText `json:"text,omitempty"`
	TextCard               *messageCard `json:"textcard,omitempty"`
	EnableDuplicateCheck   int          `json:"enable_duplicate_check,omitempty"`
	DuplicateCheckInterval int          `json:"duplicate_check_interval,omitempty"`
}

// SendAppMessage sends m as the client's app (a client built from the
// app's secret, whose AgentID it carries). It is retried after an
// ambiguous failure only with DuplicateCheck on, when WeCom itself keeps a
// retry from being delivered twice.
func (c *Client) SendAppMessage(ctx context.Context, m AppMessage) (*AppMessageResult, error) {
	req, err := c.messageRequest(m)
	if err != nil {
		return nil, err
	}
	var resp struct {
		util.CommonError
		InvalidUser string `json:"invaliduser"`
		MsgID       string `json:"msgid"`
	}
	err = c.call(ctx, apiMessageSend, m.DuplicateCheck, func(s *session) error {
		return s.post("/cgi-bin/message/send", req, &resp)
	})
	if err != nil {
		return nil, err
	}
	return &AppMessageResult{InvalidUsers: splitBar(resp.InvalidUser), MsgID: resp.MsgID}, nil
}

func (c *Client) messageRequest(m AppMessage) (*messageRequest, error) {
	agent, err := strconv.Atoi(c.corp.AgentID)
	if err != nil {
		return nil, app.Errorf(app.EINVALID, "企业未配置自建应用的 AgentId，无法发送应用消息")
	}
	req := &messageRequest{ToUser: strings.Join(m.ToUsers, "|"), MsgType: "text", AgentID: agent, Text: &messageText{Content: m.Text}}
	if m.Title != "" {
		req.MsgType, req.Text = "textcard", nil
		req.TextCard = &messageCard{Title: m.Title, Description: m.Text, URL: m.URL, BtnTxt: m.Button}
	}
	if m.DuplicateCheck {
		req.EnableDuplicateCheck, req.DuplicateCheckInterval = 1, m.DuplicateInterval
	}
	return req, nil
}

// splitBar splits WeCom's "a|b" lists; "" is none.
func splitBar(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}
