package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app/demo"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// refusedError marks an action the sandbox applied whose callback Siyu
// did not take on its first delivery: exit status 3, so a script sees
// that Siyu has not applied what the sandbox now holds.
type refusedError struct{ msg string }

func (e refusedError) Error() string { return e.msg }

// awaitCallbacks waits, at most demo.FirstOutcomeWait, for the first
// delivery of each callback the action emitted (answer is the control
// API's) and turns a refused one into a refusedError.
func (c *controlClient) awaitCallbacks(ctx context.Context, corp string, answer json.RawMessage, stderr io.Writer) error {
	var acted sandbox.Acted
	if json.Unmarshal(answer, &acted) != nil || len(acted.Events) == 0 {
		return nil
	}
	seqs := make([]string, len(acted.Events))
	for i, n := range acted.Events {
		seqs[i] = strconv.FormatInt(n, 10)
	}
	path := "/sandbox/corps/" + url.PathEscape(corp) + "/deliveries?events=" + strings.Join(seqs, ",")
	for deadline := time.Now().Add(demo.FirstOutcomeWait); ; {
		var ds []sandbox.Delivery
		if err := c.do(ctx, "GET", path, nil, &ds); err != nil {
			return err
		}
		pending, refused := demo.FirstOutcomes(ds)
		switch {
		case len(refused) > 0:
			return refusal(refused)
		case !pending:
			return nil
		case time.Now().After(deadline):
			fmt.Fprintf(stderr, "回调 %s 内尚未投递，结果未知 (callbacks not tried within %s): siyu sandbox show deliveries\n",
				demo.FirstOutcomeWait, demo.FirstOutcomeWait)
			return nil
		}
		if !sleepCtx(ctx, 100*time.Millisecond) {
			return ctx.Err()
		}
	}
}

func refusal(refused []demo.Refusal) error {
	var b strings.Builder
	b.WriteString("动作已执行，但 Siyu 未接收其回调 (the action applied, but Siyu did not take its callback):")
	for _, r := range refused {
		fmt.Fprintf(&b, "\n  %s（投递 #%d）：%s（%s）", r.Change, r.Delivery, r.Reason, r.Outcome())
	}
	return refusedError{b.String()}
}

// sleepCtx sleeps for d unless ctx ends first; it reports whether the full
// time passed.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
