package testkit

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/siyu-scrm/siyu/app/db"
)

// InsertRows writes n rows into table, 5,000 a multi-row INSERT: how
// benchmarks fill a database at scale, and the raw-insert ceiling they
// print beside what Siyu does.
func InsertRows(tb testing.TB, d *db.DB, n int, table, cols string, row func(i int) string) {
	tb.Helper()
	for from := 0; from < n; from += 5000 {
		var sb strings.Builder
		for i := from; i < min(from+5000, n); i++ {
			if i > from {
				sb.WriteByte(',')
			}
			sb.WriteString(row(i))
		}
		if _, err := d.SQL().Exec("INSERT INTO " + table + " (" + cols + ") VALUES " + sb.String()); err != nil {
			tb.Fatalf("insert into %s: %v", table, err)
		}
	}
}

// PeakRSS is the process's peak resident memory in MiB (VmHWM), 0 where
// /proc does not tell.
func PeakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		var kb float64
		if _, err := fmt.Sscanf(line, "VmHWM: %f kB", &kb); err == nil {
			return kb / 1024
		}
	}
	return 0
}
