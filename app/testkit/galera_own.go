package testkit

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
)

// A test's own Galera cluster looks for twelve free ports from a random
// one of ownGaleraPort + n·100, below the shared cluster's 24306.
const ownGaleraPort = 21306

// Galera is a three-node Galera cluster of one test's own, which it may
// stop nodes of: the shared cluster (SIYU_TEST_GALERA_DSNS) serves suites
// running at the same time, which a stopped or rejoining node would fail.
type Galera struct {
	srv    mysqlServer
	dir    string // its SIYU_TEST_GALERA_DIR
	script string // scripts/lib/galera.sh
}

// StartGalera starts a Galera cluster for t alone through
// scripts/lib/galera.sh, and stops it when t ends. Under scripts/test its
// folder is inside the run's throwaway folder (SIYU_TEST_TMP), whose
// clusters the script's exit stops by PID should t's process die first.
func StartGalera(t testing.TB) *Galera {
	t.Helper()
	script := filepath.Join(moduleRoot(t), "scripts", "lib", "galera.sh")
	if !galeraInstalled(script) {
		if RequireServers() {
			t.Fatalf("galera-4 is not installed: run the tests through scripts/test")
		}
		t.Skip("galera-4 is not installed: run scripts/test to test on a Galera cluster")
	}
	tmp, err := os.MkdirTemp(os.Getenv("SIYU_TEST_TMP"), "own-galera-")
	require.NoError(t, err)
	require.NoError(t, os.Chmod(tmp, 0o711)) // the nodes run as mysql under root
	// $1, not $0: galera.sh sourced as $0 runs as a command. start_galera
	// stops what it started when it fails.
	cmd := exec.Command("bash", "-c", `source "$1" && start_galera &&
		echo "$SIYU_TEST_GALERA_DSNS" && echo "$SIYU_TEST_GALERA_DIR"`, "bash", script)
	cmd.Env = append(os.Environ(), "SIYU_TEST_TMP="+tmp, "SIYU_TEST_GALERA_PORT="+strconv.Itoa(ownGaleraPort+100*rand.IntN(20)),
		"SIYU_TEST_GALERA_QUICK=1") // a drill's stopped node leaves within seconds
	var errOut strings.Builder
	cmd.Stderr = &errOut
	out, err := cmd.Output()
	if err != nil {
		os.RemoveAll(tmp)
	}
	require.NoError(t, err, "start a Galera cluster: %s", errOut.String())
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	require.Len(t, lines, 2, "galera.sh printed %q", out)
	g := &Galera{srv: mysqlServer{dsns: strings.Split(lines[0], ","), galera: true}, dir: lines[1], script: script}
	t.Cleanup(func() {
		if out, err := g.shell("galera_stop_all").CombinedOutput(); err != nil {
			t.Errorf("stop the Galera cluster: %v: %s", err, out)
		}
		os.RemoveAll(tmp)
	})
	return g
}

// MigratedConfig is the configuration of a fresh migrated database on the
// cluster, through all its nodes.
func (g *Galera) MigratedConfig(t testing.TB) config.Database {
	t.Helper()
	return migratedMySQLConfig(t, g.srv)
}

// Node runs galera.sh's node command verb (stop, kill, start, wait) on
// node n (1 to 3) of the cluster; start returns once the node is Synced.
func (g *Galera) Node(verb string, n int) *exec.Cmd {
	return g.env(exec.Command("bash", g.script, verb, strconv.Itoa(n)))
}

// shell runs a galera.sh function on the cluster.
func (g *Galera) shell(fn string) *exec.Cmd {
	return g.env(exec.Command("bash", "-c", `source "$1" && `+fn, "bash", g.script))
}

// env gives cmd the environment with the cluster's folder.
func (g *Galera) env(cmd *exec.Cmd) *exec.Cmd {
	cmd.Env = append(os.Environ(), "SIYU_TEST_GALERA_DIR="+g.dir)
	return cmd
}

// DSNs are the cluster's nodes' DSNs, for tests that reach one node on
// purpose.
func (g *Galera) DSNs() []string { return g.srv.dsns }

// galeraInstalled reports whether the Galera library galera.sh starts the
// nodes with is on this machine.
func galeraInstalled(script string) bool {
	out, err := exec.Command("bash", "-c", `source "$1" && galera_provider`, "bash", script).Output()
	if err != nil {
		return false
	}
	_, err = os.Stat(strings.TrimSpace(string(out)))
	return err == nil
}
