package sandbox

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// Per-member app-message limits as WeCom documents them (doc 90454): one
// app delivers at most 30 messages a minute and 1,000 an hour to one
// member and silently drops the rest, answering ok.
const (
	AppMsgPerMinute = 30
	AppMsgPerHour   = 1000
)

// Why an app message was not delivered, though message/send answered ok.
const (
	AppMsgDroppedRate      = "rate"      // over the member's 30 a minute or 1,000 an hour
	AppMsgDroppedDuplicate = "duplicate" // the same request within its duplicate-check interval
)

// AppMessage is one app message (message/send) to one member as the
// sandbox took it: delivered, or dropped with the reason WeCom never tells.
type AppMessage struct {
	MsgID   string `json:"msgid"`
	UserID  string `json:"userid"`
	MsgType string `json:"msgtype"` // text or textcard
	// Content is the text, or the textcard's description.
	Content string `json:"content"`
	Title   string `json:"title,omitempty"`
	URL     string `json:"url,omitempty"`
	// Time is the corp's sandbox time when it arrived.
	Time    time.Time `json:"time"`
	Dropped string    `json:"dropped,omitempty"` // "" when delivered, else AppMsgDropped*
}

// appMsgLog keeps the corp's app messages and the duplicate-check window.
type appMsgLog struct {
	mu     sync.Mutex
	seq    int64
	list   []AppMessage
	byUser map[string][]time.Time // delivered times per member
	seen   map[string]time.Time   // request hash → when its check window ends
}

// AppMessages returns every app message the corp took, in arrival order,
// one per recipient, dropped ones too (Dropped says why).
func (c *Corp) AppMessages() []AppMessage {
	l := &c.appMsgs
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]AppMessage(nil), l.list...)
}

// controlAppMessages answers the corp's app messages (?userid= narrows
// them to one member).
func (s *Sandbox) controlAppMessages(w http.ResponseWriter, r *http.Request) {
	c := s.controlCorpOf(w, r)
	if c == nil {
		return
	}
	out := []AppMessage{}
	for _, m := range c.AppMessages() {
		if u := r.URL.Query().Get("userid"); u == "" || m.UserID == u {
			out = append(out, m)
		}
	}
	writeControl(w, http.StatusOK, out)
}

// duplicate reports whether a request hashed h was taken before within
// its interval, and opens the window for it otherwise.
func (l *appMsgLog) duplicate(h string, now time.Time, interval time.Duration) bool {
	if l.seen == nil {
		l.seen = map[string]time.Time{}
	}
	if until, ok := l.seen[h]; ok && now.Before(until) {
		return true
	}
	l.seen[h] = now.Add(interval)
	return false
}

// take records m for each recipient: delivered unless that member has
// had their minute's or hour's share, or dup says it is a repeat.
func (l *appMsgLog) take(m AppMessage, users []string, dup bool) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	m.MsgID = fmt.Sprintf("appmsg%08d", l.seq)
	if l.byUser == nil {
		l.byUser = map[string][]time.Time{}
	}
	for _, u := range users {
		m.UserID, m.Dropped = u, ""
		switch {
		case dup:
			m.Dropped = AppMsgDroppedDuplicate
		case l.full(u, m.Time):
			m.Dropped = AppMsgDroppedRate
		default:
			l.byUser[u] = append(l.byUser[u], m.Time)
		}
		l.list = append(l.list, m)
	}
	return m.MsgID
}

// full reports whether member u had 30 messages delivered in the minute
// before now, or 1,000 in the hour; it forgets deliveries older than that.
func (l *appMsgLog) full(u string, now time.Time) bool {
	ts := l.byUser[u]
	for len(ts) > 0 && !ts[0].After(now.Add(-time.Hour)) {
		ts = ts[1:]
	}
	l.byUser[u] = ts
	inMinute := 0
	for _, t := range ts {
		if t.After(now.Add(-time.Minute)) {
			inMinute++
		}
	}
	return inMinute >= AppMsgPerMinute || len(ts) >= AppMsgPerHour
}
