package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/stretchr/testify/require"
)

// userHZ is the unit of /proc's CPU times: Linux reports them in 1/100 s
// (USER_HZ) on every architecture, whatever the kernel's own tick.
const userHZ = 100

// meter reads the CPU time of kinds of processes (this one, the load
// generator, is "bench") and of the whole machine from /proc.
type meter struct {
	kinds map[string][]int
}

// cpuSample is what a meter read at one moment: CPU seconds by kind, the
// machine's busy and iowait seconds over all its cores.
type cpuSample struct {
	at           time.Time
	kinds        map[string]float64
	busy, iowait float64
	measured     bool
}

func newMeter(kinds map[string][]int) *meter {
	m := &meter{kinds: map[string][]int{"bench": {os.Getpid()}}}
	for k, pids := range kinds {
		m.kinds[k] = pids
	}
	return m
}

func (m *meter) sample() cpuSample {
	s := cpuSample{at: time.Now(), kinds: map[string]float64{}}
	for k, pids := range m.kinds {
		for _, pid := range pids {
			s.kinds[k] += procCPU(pid)
		}
	}
	s.busy, s.iowait, s.measured = machineCPU()
	return s
}

// cores is a round's CPU use in cores (CPU seconds per second) by kind,
// "machine" for every process on it and "iowait" for cores idle waiting
// on the disk.
type cores map[string]float64

// since is the cores used between earlier and s.
func (s cpuSample) since(earlier cpuSample) cores {
	wall := s.at.Sub(earlier.at).Seconds()
	out := cores{}
	for k, v := range s.kinds {
		out[k] = (v - earlier.kinds[k]) / wall
	}
	if s.measured {
		out["machine"] = (s.busy - earlier.busy) / wall
		out["iowait"] = (s.iowait - earlier.iowait) / wall
	}
	return out
}

// procCPU is a process's user + system CPU seconds, 0 once it is gone.
func procCPU(pid int) float64 {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command name, which may hold spaces: state is
	// field 3, utime 14 and stime 15.
	s := string(raw)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseFloat(f[11], 64)
	st, _ := strconv.ParseFloat(f[12], 64)
	return (ut + st) / userHZ
}

// machineCPU sums /proc/stat's first line: busy (user, nice, system, irq,
// softirq, steal) and iowait seconds over every core.
func machineCPU() (busy, iowait float64, ok bool) {
	raw, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, false
	}
	line, _, _ := strings.Cut(string(raw), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0, 0, false
	}
	v := make([]float64, 9)
	for i := 1; i < 9; i++ {
		v[i], _ = strconv.ParseFloat(f[i], 64)
	}
	return (v[1] + v[2] + v[3] + v[6] + v[7] + v[8]) / userHZ, v[5] / userHZ, true
}

// serverPids finds the mariadbd or redis-server processes serving addrs
// (host:port) by the port on their command line, as the test scripts
// start them; none found is not an error (a server elsewhere), only a
// column left empty.
func serverPids(b *testing.B, addrs []string) []int {
	var pids []int
	for _, addr := range addrs {
		if addr == "" {
			continue
		}
		_, port, err := net.SplitHostPort(addr)
		require.NoError(b, err)
		pids = append(pids, pidsByPort(port)...)
	}
	return pids
}

func pidsByPort(port string) []int {
	re := regexp.MustCompile(`^(mariadbd|mysqld|redis-server)\b.*(--port=|:)` + port + `\b`)
	cmdlines, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	var out []int
	for _, path := range cmdlines {
		raw, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		args := strings.Split(strings.TrimRight(string(raw), "\x00"), "\x00")
		args[0] = filepath.Base(args[0])
		if re.MatchString(strings.Join(args, " ")) {
			pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(path)))
			out = append(out, pid)
		}
	}
	return out
}

// dsnAddr is the host:port of a MySQL DSN.
func dsnAddr(b *testing.B, dsn string) string {
	c, err := mysql.ParseDSN(dsn)
	require.NoError(b, err)
	return c.Addr
}
