package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
)

// helperEnv makes the test binary act as the siyu binary: TestMain runs the
// real run() with real signal handling, plus the hooks named in the value.
const helperEnv = "SIYU_TEST_HELPER_PROCESS"

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) != "" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, hooks{register: registerTestTasks})
		stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// proc is a siyu process started by a test.
type proc struct {
	cmd    *exec.Cmd
	base   string
	stderr *syncBuffer
	stdout *syncBuffer // what it printed, for lines a test reads back
	done   chan error
}

// startProc runs this test binary as `siyu args...` with env and the test
// tasks, and waits until /readyz is 200.
func startProc(t testing.TB, env []string, args ...string) *proc {
	t.Helper()
	return startBinary(t, os.Args[0], append(env, helperEnv+"=1"), args...)
}

// startBinary runs bin with env on a free port and waits until /readyz is 200.
func startBinary(t testing.TB, bin string, env []string, args ...string) *proc {
	t.Helper()
	p, err := tryStartBinary(t, bin, env, args...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// tryStartProc is startProc for a caller that starts the process again
// when it fails, as a supervisor would.
func tryStartProc(t testing.TB, env []string, args ...string) (*proc, error) {
	t.Helper()
	return tryStartBinary(t, os.Args[0], append(env, helperEnv+"=1"), args...)
}

// tryStartBinary is startBinary returning why the process did not start
// (and killing it).
func tryStartBinary(t testing.TB, bin string, env []string, args ...string) (*proc, error) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(cleanEnv(), append(env, "SIYU_HTTP_ADDR=127.0.0.1:0")...)
	p := &proc{cmd: cmd, stderr: &syncBuffer{}, stdout: &syncBuffer{}, done: make(chan error, 1)}
	cmd.Stderr = p.stderr
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { p.kill(); dumpOnFailure(t, p) })
	baseCh := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			p.stdout.Write([]byte(sc.Text() + "\n"))
			if url, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
				baseCh <- url
			}
		}
		p.done <- cmd.Wait()
	}()
	select {
	case p.base = <-baseCh:
	case err := <-p.done:
		return nil, fmt.Errorf("siyu exited before listening: %v\n%s", err, p.stderr)
	case <-time.After(60 * time.Second):
		p.kill()
		return nil, fmt.Errorf("siyu did not start listening\n%s", p.stderr)
	}
	for deadline := time.Now().Add(30 * time.Second); p.status("/readyz") != http.StatusOK; time.Sleep(2 * time.Millisecond) {
		if time.Now().After(deadline) {
			p.kill()
			return nil, fmt.Errorf("siyu never became ready\n%s", p.stderr)
		}
	}
	return p, nil
}

func (p *proc) status(path string) int {
	resp, err := http.Get(p.base + path)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// stop sends sig and returns the exit code.
func (p *proc) stop(t testing.TB, sig os.Signal) int {
	t.Helper()
	require.NoError(t, p.cmd.Process.Signal(sig))
	select {
	case <-p.done:
	case <-time.After(60 * time.Second):
		t.Fatalf("siyu did not exit after %v\n%s", sig, p.stderr)
	}
	return p.cmd.ProcessState.ExitCode()
}

func (p *proc) kill() {
	if p.cmd.ProcessState == nil {
		p.cmd.Process.Kill()
	}
}

func dumpOnFailure(t testing.TB, p *proc) {
	if t.Failed() {
		t.Logf("siyu stderr:\n%s", p.stderr)
	}
}

// cleanEnv is the test's environment without SIYU_* settings that would
// leak into the child's configuration.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SIYU_") || strings.HasPrefix(kv, "SIYU_TEST_") {
			out = append(out, kv)
		}
	}
	return out
}

// configEnv turns database and Redis settings into SIYU_* variables.
func configEnv(d config.Database, r config.Redis) []string {
	return []string{
		"SIYU_DATABASE_DRIVER=" + d.Driver, "SIYU_DATABASE_DSN=" + d.DSN, "SIYU_DATABASE_AUTO_MIGRATE=true",
		"SIYU_DATABASE_NODES=" + strings.Join(d.Nodes, ","),
		"SIYU_REDIS_MODE=" + r.Mode, "SIYU_REDIS_ADDR=" + r.Addr, "SIYU_REDIS_ADDRS=" + strings.Join(r.Addrs, ","),
		fmt.Sprintf("SIYU_REDIS_DB=%d", r.DB),
		"SIYU_REDIS_EMBEDDED_ADDR=" + r.EmbeddedAddr, "SIYU_REDIS_SNAPSHOT_PATH=" + r.SnapshotPath,
		"SIYU_LOG_LEVEL=debug", "SIYU_SECURITY_SECRET_KEY=" + testSecretKey,
		// No demo corp and no token file written into the package directory.
		"SIYU_SANDBOX_DEMO=false", "SIYU_SECURITY_API_TOKEN_FILE=", fastHashes,
	}
}

// testSecretKey is 32 bytes, base64: tests never write a key file.
const testSecretKey = "c2l5dS10ZXN0LWtleS0wMTIzNDU2Nzg5YWJjZGVmZ2g="

func freeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return ln.Addr().String()
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// siyuExec runs `siyu args...` as a child process (this test binary) with
// env as the only SIYU_* settings, and waits for it: siyu's in-process
// twin sets the environment, which a parallel test may not.
func siyuExec(t *testing.T, env []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(cleanEnv(), append(env, helperEnv+"=1")...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("run siyu %v: %v", args, err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errb.String()
}
