package wecom

import (
	"context"
	"errors"
	"net"
	"net/url"
	"testing"
	"time"

	"github.com/silenceper/wechat/v2/util"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recordSleep records the waits it is asked for and returns at once.
type recordSleep struct{ waits []time.Duration }

func (r *recordSleep) sleep(ctx context.Context, d time.Duration) error {
	r.waits = append(r.waits, d)
	return ctx.Err()
}

func TestBackoffDelay(t *testing.T) {
	b := Backoff{Attempts: 10, Base: time.Second, Max: 8 * time.Second}
	for n, full := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second} {
		for range 50 {
			d := b.Delay(n + 1)
			assert.GreaterOrEqual(t, d, full/2, "try %d", n+1)
			assert.LessOrEqual(t, d, full, "try %d", n+1)
		}
	}
	assert.LessOrEqual(t, b.Delay(200), 8*time.Second, "a huge n stays capped")
	assert.GreaterOrEqual(t, b.Delay(200), 4*time.Second, "a huge n stays capped")
}

func TestRetrierDo(t *testing.T) {
	netErr := &url.Error{Op: "Get", URL: "u", Err: errors.New("connection reset")}
	tests := []struct {
		name   string
		errs   []error // answers of successive tries; nil is success
		tries  int
		failed bool
	}{
		{"OK", []error{nil}, 1, false},
		{"Busy", []error{util.NewCommonError("x", -1, "busy"), nil}, 2, false},
		{"RateLimited", []error{util.NewCommonError("x", 45009, ""), util.NewCommonError("x", 45033, ""), nil}, 3, false},
		{"HTTP5xx", []error{&url.Error{Op: "Get", URL: "u", Err: &StatusError{StatusCode: 502}}, nil}, 2, false},
		{"Network", []error{netErr, nil}, 2, false},
		{"HTTP4xxNotRetried", []error{&url.Error{Op: "Get", URL: "u", Err: &StatusError{StatusCode: 404}}}, 1, true},
		{"BadSecretNotRetried", []error{util.NewCommonError("x", 40001, "")}, 1, true},
		{"NotFoundNotRetried", []error{util.NewCommonError("x", 84061, "")}, 1, true},
		{"GivesUp", []error{util.NewCommonError("x", -1, ""), util.NewCommonError("x", -1, ""), util.NewCommonError("x", -1, "")}, 3, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recordSleep{}
			r := retrier{policy: Backoff{Attempts: 3, Base: time.Second, Max: time.Minute}, sleep: rec.sleep}
			tries := 0
			err := r.do(context.Background(), transient, func(context.Context) error {
				tries++
				return tt.errs[tries-1]
			})
			assert.Equal(t, tt.tries, tries)
			assert.Equal(t, tt.failed, err != nil)
			assert.Len(t, rec.waits, tries-1, "one wait between tries")
		})
	}
}

func TestRetrierStopsWhenDeadlineIsTooClose(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	rec := &recordSleep{}
	r := retrier{policy: Backoff{Attempts: 5, Base: time.Minute, Max: time.Hour}, sleep: rec.sleep}
	err := r.do(ctx, transient, func(context.Context) error { return util.NewCommonError("x", 45009, "") })
	assert.Equal(t, 45009, ErrCode(err), "the WeCom error, not a deadline error")
	assert.Empty(t, rec.waits)
}

func TestRetrierStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	r := retrier{policy: Backoff{Attempts: 5, Base: time.Hour, Max: time.Hour}, sleep: sleepCtx}
	tries := 0
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	err := r.do(ctx, transient, func(context.Context) error { tries++; return util.NewCommonError("x", -1, "") })
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, -1, ErrCode(err))
	assert.Equal(t, 1, tries)
}

func TestNotExecuted(t *testing.T) {
	dial := &url.Error{Op: "Post", URL: "u", Err: &net.OpError{Op: "dial", Err: errors.New("refused")}}
	read := &url.Error{Op: "Post", URL: "u", Err: &net.OpError{Op: "read", Err: errors.New("reset")}}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"RateLimited", util.NewCommonError("x", 45009, ""), true},
		{"DialFailed", dial, true},
		{"TokenFetchBusy", &tokenFetchError{err: util.NewCommonError("gettoken", -1, "")}, true},
		{"TokenFetchBadSecret", &tokenFetchError{err: util.NewCommonError("gettoken", 40001, "")}, false},
		{"BusyMayHaveRun", util.NewCommonError("x", -1, ""), false},
		{"ReadFailedMayHaveRun", read, false},
		{"HTTP502MayHaveRun", &url.Error{Op: "Post", URL: "u", Err: &StatusError{StatusCode: 502}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, notExecuted(tt.err)) })
	}
}
