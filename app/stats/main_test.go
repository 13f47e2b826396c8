package stats_test

import (
	"testing"

	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// sb is the one WeCom sandbox of this test binary, for the relation ends
// that come through WeCom's callbacks.
var sb *sandbox.Sandbox

func TestMain(m *testing.M) {
	stack.Main(m, sandbox.Options{Seed: 15}, func(s *sandbox.Sandbox, _ string) { sb = s })
}
