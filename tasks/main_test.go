package tasks_test

import (
	"fmt"
	"os"
	"testing"
)

// TestMain runs the tests, or, in a process a test started with
// envKilledWorker set, the worker that test SIGKILLs.
func TestMain(m *testing.M) {
	if spec := os.Getenv(envKilledWorker); spec != "" {
		if err := killedWorker(spec); err != nil {
			fmt.Fprintln(os.Stderr, "killed worker:", err)
			os.Exit(1)
		}
		return
	}
	os.Exit(m.Run())
}
