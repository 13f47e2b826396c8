package main

import (
	"cmp"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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

// browser is one headless Chromium for a test, one tab. It records every
// JavaScript error the pages raise (console.error or an uncaught
// exception): the test fails on any of them when it ends.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	jsErrors []string
}

// actionTimeout bounds each step, not the browser (a timeout on the
// first run would stop the whole browser when it ends).
const actionTimeout = time.Minute

func newBrowser(t *testing.T) *browser {
	return newBrowserSized(t, 375, 812) // a phone: the side panel is mobile-first
}

// newBrowserSized is a browser whose window is width × height.
func newBrowserSized(t *testing.T, width, height int) *browser {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)), chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(width, height),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	b := &browser{ctx: ctx}
	if err := chromedp.Listen(ctx, b.hear); err != nil {
		t.Fatalf("listen to the page's console: %v", err)
	}
	t.Cleanup(func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		assert.Empty(t, b.jsErrors, "JavaScript errors in the pages")
	})
	return b
}

// hear records the page's JavaScript errors.
func (b *browser) hear(ev any) {
	var msg string
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type != runtime.ConsoleAPICalledTypeError {
			return
		}
		msg = "console.error:"
		for _, a := range e.Args {
			msg += " " + cmp.Or(a.Description, string(a.Value))
		}
	case *runtime.EventExceptionThrown:
		msg = "uncaught: " + e.ExceptionDetails.Text
		if x := e.ExceptionDetails.Exception; x != nil {
			msg += " " + x.Description
		}
	default:
		return
	}
	b.mu.Lock()
	b.jsErrors = append(b.jsErrors, msg)
	b.mu.Unlock()
}

// shot saves a full-page screenshot of what the tab shows, named after
// the test, in $SIYU_TEST_SCREENSHOTS (default: siyu-screenshots in the
// temp dir), so a person can look at the pages as their users see them.
func (b *browser) shot(t *testing.T) {
	t.Helper()
	dir := cmp.Or(os.Getenv("SIYU_TEST_SCREENSHOTS"), filepath.Join(os.TempDir(), "siyu-screenshots"))
	png := get(t, b, "take a screenshot", chromedp.FullScreenshot(100)) // 100: PNG (below, JPEG)
	require.NoError(t, os.MkdirAll(dir, 0o755))
	path := filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "-")+".png")
	require.NoError(t, os.WriteFile(path, png, 0o644))
	t.Logf("screenshot: %s", path)
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
