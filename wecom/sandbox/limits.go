package sandbox

import (
	"sync"
	"time"
)

// Limit caps calls to one API of one corp. WeCom allows 10,000 calls a
// minute and 150,000 an hour per corp per API, answering 45009 beyond (for
// the rest of that window), and 45033 past a concurrency it does not
// document. Zero means no cap.
type Limit struct {
	PerMinute  int
	PerHour    int
	Concurrent int
}

// limiter counts calls per API in fixed sandbox-time windows.
type limiter struct {
	mu    sync.Mutex
	def   Limit
	per   map[string]Limit
	usage map[string]*usage
}

type usage struct {
	minute, hour     int64 // window numbers
	inMinute, inHour int
	inFlight         int
}

// newLimiter starts from def for every API, except the JS-SDK tickets,
// which WeCom limits to 400 an hour per corp and 100 per app.
func newLimiter(def Limit) *limiter {
	jsapi, agent := def, def
	jsapi.PerHour, agent.PerHour = 400, 100
	per := map[string]Limit{"get_jsapi_ticket": jsapi, "ticket/get": agent}
	return &limiter{def: def, per: per, usage: map[string]*usage{}}
}

// SetLimit sets the limit for one API of this corp ("" sets the default for
// every API without its own).
func (c *Corp) SetLimit(api string, l Limit) {
	c.limits.mu.Lock()
	defer c.limits.mu.Unlock()
	if api == "" {
		c.limits.def = l
		return
	}
	c.limits.per[api] = l
}

// acquire admits a call or answers 45009/45033; release must be called
// when the call is done.
func (l *limiter) acquire(api string, now time.Time) (func(), error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	lim, ok := l.per[api]
	if !ok {
		lim = l.def
	}
	u := l.usageOf(api, now)
	if over(lim.PerMinute, u.inMinute) || over(lim.PerHour, u.inHour) {
		return func() {}, fail(45009)
	}
	u.inMinute++
	u.inHour++
	if over(lim.Concurrent, u.inFlight) {
		return func() {}, fail(45033)
	}
	u.inFlight++
	return func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		u.inFlight--
	}, nil
}

func (l *limiter) usageOf(api string, now time.Time) *usage {
	u := l.usage[api]
	if u == nil {
		u = &usage{}
		l.usage[api] = u
	}
	if m := now.Unix() / 60; m != u.minute {
		u.minute, u.inMinute = m, 0
	}
	if h := now.Unix() / 3600; h != u.hour {
		u.hour, u.inHour = h, 0
	}
	return u
}

func over(limit, used int) bool { return limit > 0 && used >= limit }
