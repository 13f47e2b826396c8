package main

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/siyu-scrm/siyu/app/testkit"
)

// chromiumPath finds Debian's chromium (or $SIYU_TEST_CHROMIUM). Where
// servers are required (CI, scripts/test) a missing browser fails the
// test; elsewhere it skips, saying how to get one.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("SIYU_TEST_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if testkit.RequireServers() {
		t.Fatal("chromium not found: scripts/test installs Debian's chromium (apt-get install chromium)")
	}
	t.Skip("chromium not found: install Debian's chromium (or set SIYU_TEST_CHROMIUM) to run the browser tests")
	return ""
}

// browser is one headless Chromium for a test, one tab.
type browser struct{ ctx context.Context }

// actionTimeout bounds each step, not the browser (a timeout on the
// first run would stop the whole browser when it ends).
const actionTimeout = time.Minute

func newBrowser(t *testing.T) *browser {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)), chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(375, 812), // a phone: the side panel is mobile-first
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return &browser{ctx: ctx}
}

// do runs steps, failing the test with what was being done.
func (b *browser) do(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// get runs one action that returns a value.
func get[T any](t *testing.T, b *browser, what string, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// text reads the visible text of the element sel (CSS) finds.
func (b *browser) text(t *testing.T, sel string) string {
	t.Helper()
	return get(t, b, "read "+sel, chromedp.Text(chromedp.CSS(sel)))
}

// status navigates to url and returns the HTTP status of the page.
func (b *browser) status(t *testing.T, url string) int64 {
	t.Helper()
	resp := get(t, b, "open "+url, chromedp.NavigateResponse(url))
	return resp.Status
}

// addScriptOnNewDocument runs js in every page the tab loads from now on,
// before the page's own scripts.
func (b *browser) addScriptOnNewDocument(t *testing.T, js string) {
	t.Helper()
	if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: js}); err != nil {
		t.Fatalf("add script: %v", err)
	}
}
