package sandbox

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

type messageRequest struct {
	ToUser  string          `json:"touser"`
	MsgType string          `json:"msgtype"`
	AgentID json.RawMessage `json:"agentid"` // a number, or a string as silenceper sends it
	Text    struct {
		Content string `json:"content"`
	} `json:"text"`
	TextCard struct {
		Title       string `json:"title"`
		Description string `json:"description"`
		URL         string `json:"url"`
	} `json:"textcard"`
	EnableDuplicateCheck   int `json:"enable_duplicate_check"`
	DuplicateCheckInterval int `json:"duplicate_check_interval"`
}

// apiMessageSend answers message/send for text and textcard messages to
// members, with the app's own token. Unknown members come back in
// invaliduser (81013 when none is known); the rest get the message unless
// WeCom would drop it: over the member's 30 a minute or 1,000 an hour, or
// the same request again within its duplicate-check interval. Dropped
// messages are answered ok, as WeCom does, and logged (AppMessages).
func (c *Corp) apiMessageSend(q *call) (any, error) {
	var req messageRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	m, err := c.checkMessage(q, &req)
	if err != nil {
		return nil, err
	}
	known, invalid := c.splitMembers(strings.Split(req.ToUser, "|"))
	if len(known) == 0 {
		return nil, fail(81013)
	}
	sum := sha256.Sum256(q.body)
	dup := req.EnableDuplicateCheck == 1 && c.appMsgs.dupCheck(hex.EncodeToString(sum[:]), m.Time, dupInterval(req.DuplicateCheckInterval))
	msgID := c.appMsgs.take(m, known, dup)
	return struct {
		InvalidUser string `json:"invaliduser"`
		MsgID       string `json:"msgid"`
	}{strings.Join(invalid, "|"), msgID}, nil
}

// checkMessage validates the request as WeCom does and returns the
// message to log.
func (c *Corp) checkMessage(q *call, req *messageRequest) (AppMessage, error) {
	agent := strings.Trim(string(req.AgentID), `"`)
	m := AppMessage{MsgType: req.MsgType, Time: c.Now()}
	switch {
	case agent == "":
		return m, fail(41011)
	case agent != strconv.Itoa(c.cfg.AgentID) || c.sb.tokenSecret(q.query("access_token")) != c.cfg.AppSecret:
		return m, fail(40056)
	case req.ToUser == "":
		return m, fail(82001)
	}
	switch req.MsgType {
	case "text":
		m.Content = req.Text.Content
	case "textcard":
		m.Content, m.Title, m.URL = req.TextCard.Description, req.TextCard.Title, req.TextCard.URL
		if m.Title == "" || m.URL == "" {
			return m, failf(40058, "textcard needs title and url")
		}
	default:
		return m, failf(40058, "msgtype %s is not simulated", req.MsgType)
	}
	if m.Content == "" {
		return m, fail(44004)
	}
	if len(m.Content) > 2048 {
		return m, fail(45002)
	}
	return m, nil
}

// splitMembers splits userids into the corp's members and the rest.
func (c *Corp) splitMembers(ids []string) (known, invalid []string) {
	for _, id := range ids {
		if _, ok := c.st.members[id]; ok {
			known = append(known, id)
		} else if id != "" {
			invalid = append(invalid, strings.ToLower(id))
		}
	}
	return known, invalid
}

// dupInterval is the duplicate-check window: 1,800 s by default, at most
// four hours.
func dupInterval(seconds int) time.Duration {
	if seconds <= 0 {
		seconds = 1800
	}
	return time.Duration(min(seconds, 4*3600)) * time.Second
}

// dupCheck is duplicate under the log's lock.
func (l *appMsgLog) dupCheck(h string, now time.Time, interval time.Duration) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.duplicate(h, now, interval)
}
