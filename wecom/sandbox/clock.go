package sandbox

import (
	"sync"
	"time"
)

// Clock is sandbox time. It stands still unless advanced, or, when it
// follows the wall clock, moves with it from wherever it was last set; token
// expiry, welcome-code validity, transfer settlement and rate windows all
// read it, so tests move time instead of sleeping.
type Clock struct {
	mu     sync.Mutex
	at     time.Time // sandbox time at anchor
	anchor time.Time // wall time when at was last set
	follow bool
}

func newClock(start time.Time, follow bool) *Clock {
	return &Clock{at: start, anchor: time.Now(), follow: follow}
}

// Now returns the current sandbox time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now()
}

func (c *Clock) now() time.Time {
	if c.follow {
		return c.at.Add(time.Since(c.anchor))
	}
	return c.at
}

// Advance moves sandbox time forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at, c.anchor = c.now().Add(d), time.Now()
}

// Set moves sandbox time to t (backwards too, for tests that need it).
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at, c.anchor = t, time.Now()
}
