package wecom

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Backoff is the retry policy for transient WeCom failures: errcode -1
// (busy), 45009 and 45033 (over the limit), network errors and HTTP 5xx.
type Backoff struct {
	Attempts int           // tries in all, the first included; 1 disables retries
	Base     time.Duration // wait before the second try, doubled each time
	Max      time.Duration // cap on any one wait
}

// DefaultBackoff waits about 1, 2, 4, 8 s (with jitter) over 5 tries: long
// enough to ride out a short 45009 storm, short enough for a task to fail
// and be rescheduled by the queue instead.
func DefaultBackoff() Backoff {
	return Backoff{Attempts: 5, Base: time.Second, Max: 20 * time.Second}
}

// Delay is the wait after failed try n (n ≥ 1): exponential, capped, with
// half of it random so that workers hit by the same storm spread out.
func (b Backoff) Delay(n int) time.Duration {
	d := b.Max
	if n < 31 && b.Base<<(n-1) < b.Max && b.Base<<(n-1) > 0 {
		d = b.Base << (n - 1)
	}
	if d <= 1 {
		return d
	}
	return d/2 + rand.N(d/2)
}

// sleeper waits for d or until ctx ends; tests swap it for a recorder.
type sleeper func(ctx context.Context, d time.Duration) error

// sleepCtx is the sleeper outside tests.
func sleepCtx(ctx context.Context, d time.Duration) error { return app.Sleep(ctx, d) }

// retrier runs a call until it succeeds, fails for good, or runs out of
// tries or time.
type retrier struct {
	policy Backoff
	sleep  sleeper
}

// do runs try, retrying while retry says so. When ctx has no time left for
// the next wait it returns the last WeCom error at once, which says more
// than a deadline error would.
func (r retrier) do(ctx context.Context, retry func(error) bool, try func(context.Context) error) error {
	for n := 1; ; n++ {
		err := try(ctx)
		if err == nil || n >= r.policy.Attempts || ctx.Err() != nil || !retry(err) {
			return err
		}
		d := r.policy.Delay(n)
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
			return err
		}
		if serr := r.sleep(ctx, d); serr != nil {
			return fmt.Errorf("%w (gave up retrying: %w)", err, serr)
		}
	}
}

// transient reports whether a failed call may succeed if simply tried
// again: WeCom busy or over its limits, a 5xx or 429, or a network error
// (the HTTP client's own timeout included; the caller's cancellation is
// checked by the retrier, not here).
func transient(err error) bool {
	switch ErrCode(err) {
	case -1, 45009, 45033:
		return true
	case 0:
	default:
		return false
	}
	var se *StatusError
	if errors.As(err, &se) {
		return se.StatusCode >= http.StatusInternalServerError || se.StatusCode == http.StatusTooManyRequests
	}
	return errors.As(err, new(*url.Error))
}

// notExecuted reports whether WeCom surely did not act on the request:
// it refused it for frequency, or the connection was never made. Calls
// that create something (a mass-send task, a contact way) retry only then,
// so an ambiguous failure never sends a message twice.
func notExecuted(err error) bool {
	if errors.As(err, new(*tokenFetchError)) {
		return transient(err)
	}
	switch ErrCode(err) {
	case 45009, 45033:
		return true
	}
	var oe *net.OpError
	return errors.As(err, &oe) && oe.Op == "dial"
}

// isStaleToken reports whether WeCom rejected the access token itself; the
// token is then dropped and fetched again once.
func isStaleToken(err error) bool {
	code := ErrCode(err)
	return code == 40014 || code == 42001
}
