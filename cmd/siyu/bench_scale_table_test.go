package main

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
)

// scaleKinds are the table's CPU columns, in order, with their metric
// units; "other" is the machine's busy time no process of the run used
// (other work on a shared machine).
var scaleKinds = []struct{ kind, unit string }{
	{"api", "api-cores"}, {"worker", "worker-cores"}, {"mariadbd", "db-cores"},
	{"redis-server", "redis-cores"}, {"bench", "loadgen-cores"}, {"other", ""}, {"machine", "machine-cores"}, {"iowait", ""},
}

// scaleRow is one round's figures.
type scaleRow struct {
	name              string
	acks, p99, events float64
	cores             cores
}

func (r scaleRow) reportCores(b *testing.B) {
	for _, k := range scaleKinds {
		if v, ok := r.cores[k.kind]; ok && k.unit != "" {
			b.ReportMetric(v, k.unit)
		}
	}
}

// other is the machine's busy cores beyond the processes measured.
func (r scaleRow) other() float64 {
	ours := 0.0
	for k, v := range r.cores {
		if k != "machine" && k != "iowait" {
			ours += v
		}
	}
	return max(0, r.cores["machine"]-ours)
}

// saturates names what stopped the round: the machine's CPU (with its
// two largest users), the disk, or neither (the round waited on round
// trips and commits: Galera's certification, fsync, the queue).
func (r scaleRow) saturates() string {
	n := float64(runtime.NumCPU())
	busy := r.cores["machine"]
	users := fmt.Sprintf("machine %.1f of %.0f cores, %s", busy, n, r.topUsers())
	switch {
	case busy >= 0.8*n:
		return "CPU: " + users
	case r.cores["iowait"] >= 0.25*n:
		return fmt.Sprintf("disk: %.1f cores in iowait; %s", r.cores["iowait"], users)
	default:
		return "waits, not CPU: " + users
	}
}

// topUsers names the two kinds of process that used the most CPU
// ("other": processes outside the run, on a shared machine).
func (r scaleRow) topUsers() string {
	type use struct {
		kind string
		v    float64
	}
	var uses []use
	for _, k := range scaleKinds[:6] {
		v := r.cores[k.kind]
		if k.kind == "other" {
			v = r.other()
		}
		uses = append(uses, use{strings.TrimSuffix(k.kind, "-server"), v})
	}
	slices.SortStableFunc(uses, func(a, b use) int { return cmp.Compare(b.v, a.v) })
	return fmt.Sprintf("%s %.1f, %s %.1f", uses[0].kind, uses[0].v, uses[1].kind, uses[1].v)
}

// scaleTable collects the rounds for the summary the benchmark logs.
type scaleTable struct {
	mu   sync.Mutex
	rows []scaleRow
}

func (t *scaleTable) add(r scaleRow) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rows = append(t.rows, r)
}

// log writes the table: a header and a line a round, as go test keeps no
// more than 10 lines of a benchmark's log.
func (t *scaleTable) log(b *testing.B) {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%-22s %9s %8s %9s", fmt.Sprintf("run (cores on %d)", runtime.NumCPU()), "acks/s", "p99 ms", "events/s")
	for _, k := range scaleKinds {
		fmt.Fprintf(&sb, " %7.7s", strings.TrimSuffix(k.kind, "-server"))
	}
	sb.WriteString("  saturates")
	for _, r := range t.rows {
		fmt.Fprintf(&sb, "\n%-22s %9.0f %8.1f %9.0f", r.name, r.acks, r.p99, r.events)
		for _, k := range scaleKinds {
			v := r.cores[k.kind]
			if k.kind == "other" {
				v = r.other()
			}
			fmt.Fprintf(&sb, " %7.2f", v)
		}
		sb.WriteString("  " + r.saturates())
	}
	b.Log(sb.String())
}
