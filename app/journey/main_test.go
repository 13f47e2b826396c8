package journey_test

import (
	"testing"

	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// sb is the one WeCom sandbox of this test binary (the SDK's base URL is
// process-wide); each stack test has a corp of its own.
var sb *sandbox.Sandbox

func TestMain(m *testing.M) {
	stack.Main(m, sandbox.Options{Seed: 25}, func(s *sandbox.Sandbox, _ string) { sb = s })
}
