package testkit

import (
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// EnvReport names the file the drills and failover tests append their
// figures to, which scripts/test prints after the run: go test shows a
// passing test's log only with -v, and a drill's figures (events, kills,
// failovers, effects) are its evidence.
const EnvReport = "SIYU_TEST_REPORT"

// Report logs a line of figures on t and appends it, after t's name, to
// the run's report file when there is one. Each line is one append,
// which the test processes running at once do not interleave.
func Report(t testing.TB, format string, args ...any) {
	t.Helper()
	line := fmt.Sprintf(format, args...)
	t.Log(line)
	path := os.Getenv(EnvReport)
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	require.NoError(t, err, "open the test report")
	defer f.Close()
	_, err = fmt.Fprintf(f, "%s: %s\n", t.Name(), line)
	require.NoError(t, err, "append to the test report")
}
