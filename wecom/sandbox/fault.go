package sandbox

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// Fault changes how matching API calls are answered. Latency applies
// first (real time: it is for exercising client timeouts); then Drop,
// HTTPStatus or ErrCode decide the answer; with none of them the call goes
// on normally after the latency.
type Fault struct {
	// ErrCode answers this errcode with HTTP 200 (-1 system busy, 45009…).
	ErrCode int
	// HTTPStatus answers this status with an empty body (e.g. 502).
	HTTPStatus int
	// Drop closes the connection without answering.
	Drop bool
	// DropAnswer applies the call, then closes the connection without
	// answering: the effect happened but the caller never learns it (a
	// timeout after WeCom acted, or a crash before the answer was read).
	DropAnswer bool
	// Latency delays the answer.
	Latency time.Duration
	// Times limits the fault to the next Times matching calls (0: until
	// ClearFaults).
	Times int
	// Probability applies the fault to each matching call with this
	// probability, from the sandbox's seeded source (0: every call).
	Probability float64
}

// String names the fault for the call log.
func (f Fault) String() string {
	switch {
	case f.Drop:
		return "drop"
	case f.DropAnswer:
		return "drop answer"
	case f.HTTPStatus != 0:
		return fmt.Sprintf("http %d", f.HTTPStatus)
	case f.ErrCode != 0:
		return fmt.Sprintf("errcode %d", f.ErrCode)
	}
	return fmt.Sprintf("latency %s", f.Latency)
}

type faultRule struct {
	api  string
	f    Fault
	left int // remaining uses when f.Times > 0
}

type faultSet struct {
	mu    sync.Mutex
	rules []*faultRule
}

// InjectFault adds a fault for one API of this corp ("" matches every
// API). Earlier faults are tried first.
func (c *Corp) InjectFault(api string, f Fault) {
	c.faults.mu.Lock()
	defer c.faults.mu.Unlock()
	c.faults.rules = append(c.faults.rules, &faultRule{api: api, f: f, left: f.Times})
}

// ClearFaults removes every injected fault of this corp.
func (c *Corp) ClearFaults() {
	c.faults.mu.Lock()
	defer c.faults.mu.Unlock()
	c.faults.rules = nil
}

// take picks the fault for a call, if any, consuming one use of it.
func (c *Corp) takeFault(api string) (Fault, bool) {
	c.faults.mu.Lock()
	defer c.faults.mu.Unlock()
	for i, r := range c.faults.rules {
		if r.api != "" && r.api != api {
			continue
		}
		if r.f.Probability > 0 && !c.sb.chance(r.f.Probability) {
			continue
		}
		if r.f.Times > 0 {
			r.left--
			if r.left <= 0 {
				c.faults.rules = append(c.faults.rules[:i:i], c.faults.rules[i+1:]...)
			}
		}
		return r.f, true
	}
	return Fault{}, false
}

// applyFault performs a fault. It reports whether the answer is already
// given, and logged (drop or HTTP status); otherwise an error is the
// errcode to answer.
func (c *Corp) applyFault(w http.ResponseWriter, q *call, rec *CallRecord) (bool, error) {
	f, ok := c.takeFault(q.api)
	if !ok {
		return false, nil
	}
	rec.Fault = f.String()
	if f.Latency > 0 {
		select {
		case <-time.After(f.Latency):
		case <-q.r.Context().Done():
		}
	}
	switch {
	case f.Drop:
		c.calls.add(*rec)
		dropConnection(w)
		return true, nil
	case f.HTTPStatus != 0:
		rec.HTTPStatus = f.HTTPStatus
		c.calls.add(*rec)
		w.WriteHeader(f.HTTPStatus)
		return true, nil
	case f.ErrCode != 0:
		return false, fail(f.ErrCode)
	case f.DropAnswer:
		q.dropAnswer = true
	}
	return false, nil
}

// dropConnection closes the client's connection without a response, as a
// network failure would.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler) // HTTP/2: net/http resets the stream
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// PendingFaults counts the faults still armed (a Times fault disarms once
// used up), so a test can tell a call has reached the sandbox.
func (c *Corp) PendingFaults() int {
	c.faults.mu.Lock()
	defer c.faults.mu.Unlock()
	return len(c.faults.rules)
}
