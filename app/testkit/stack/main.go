package stack

import (
	"fmt"
	"os"
	"testing"

	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// Main is a TestMain for test binaries that talk to WeCom: it starts one
// sandbox and points the SDK at it (the SDK's base URL is process-wide, so
// a binary has one sandbox and each test a corp of its own on it), hands
// it and its URL to use, runs the tests, and exits with their code.
func Main(m *testing.M, opts sandbox.Options, use func(sb *sandbox.Sandbox, url string)) {
	sb := sandbox.New(opts)
	url, err := sb.Start("127.0.0.1:0")
	if err == nil {
		err = wecom.Install(url, url, nil)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	use(sb, url)
	code := m.Run()
	sb.Close()
	os.Exit(code)
}
