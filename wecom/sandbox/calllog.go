package sandbox

import (
	"sync"
	"time"
)

// CallRecord is one API call as the sandbox saw it.
type CallRecord struct {
	// API is the path after /cgi-bin/ ("externalcontact/get"), or
	// "sns/jscode2session".
	API string
	// CorpID is empty for calls no corp could be found for (unknown token).
	CorpID string
	// Time is the corp's sandbox time when the call arrived.
	Time time.Time
	// ErrCode is the answered errcode (0 on success or when no JSON was
	// answered).
	ErrCode int
	// HTTPStatus is the answered status, 0 when the connection was dropped.
	HTTPStatus int
	// Fault names the injected fault that shaped the answer, if any.
	Fault string
}

// callLog keeps the most recent calls, up to max.
type callLog struct {
	mu   sync.Mutex
	max  int
	list []CallRecord
}

func (l *callLog) add(r CallRecord) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.list) >= l.max {
		l.list = append(l.list[:0], l.list[len(l.list)-l.max+1:]...)
	}
	l.list = append(l.list, r)
}

func (l *callLog) snapshot() []CallRecord {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]CallRecord(nil), l.list...)
}

func (l *callLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.list = nil
}

// Calls returns the corp's call log in the order the sandbox answered
// (each call is logged before its answer leaves, so it is there as soon as
// the client has the answer; Time is when it arrived).
func (c *Corp) Calls() []CallRecord {
	out := c.calls.snapshot()
	for i := range out {
		out[i].CorpID = c.cfg.CorpID
	}
	return out
}

// CallsTo returns the corp's calls to one API, in the order answered.
func (c *Corp) CallsTo(api string) []CallRecord {
	var out []CallRecord
	for _, r := range c.Calls() {
		if r.API == api {
			out = append(out, r)
		}
	}
	return out
}

// ResetCalls empties the corp's call log.
func (c *Corp) ResetCalls() { c.calls.reset() }

// UnattributedCalls returns calls that matched no corp (missing or unknown
// token, unknown corpid or appid).
func (s *Sandbox) UnattributedCalls() []CallRecord { return s.orphans.snapshot() }
