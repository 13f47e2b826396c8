package main

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// drillRoles are the roles the drill runs two processes of each.
var drillRoles = []string{roleAPI, roleWorker, roleScheduler}

// fleet is the drill's siyu processes by role.
type fleet struct {
	env   []string
	lb    *balancer
	procs map[string][]*proc
	kills map[string]int
	// killedWorkers are when a worker was SIGKILLed: a periodic task it
	// was running may run again.
	killedWorkers []time.Time
	failedStarts  int
	order         []string // the roles of the next kills
}

func newFleet(t *testing.T, env []string, lb *balancer) *fleet {
	f := &fleet{env: env, lb: lb, procs: map[string][]*proc{}, kills: map[string]int{}}
	for _, role := range drillRoles {
		for range 2 {
			f.procs[role] = append(f.procs[role], f.start(t, role))
		}
	}
	f.publish()
	return f
}

// start starts a process of role, again and again as a supervisor
// would, while it exits at once. A cluster partly down (a Redis primary,
// a Galera node) does not stop a start (it starts degraded), so failed
// starts are counted and printed: a non-zero count is worth a look.
func (f *fleet) start(t *testing.T, role string) *proc {
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(500 * time.Millisecond) {
		p, err := tryStartProc(t, f.env, "serve", "--roles", role)
		if err == nil {
			return p
		}
		f.failedStarts++
		require.True(t, time.Now().Before(deadline), "a %s process starts within a minute: %v", role, err)
	}
}

// publish hands the balancer the API processes' addresses.
func (f *fleet) publish() {
	var bases []string
	for _, p := range f.procs[roleAPI] {
		bases = append(bases, p.base)
	}
	f.lb.set(bases)
}

// killOne SIGKILLs a random process and starts one of its role in its
// place at once: the other of the role serves meanwhile. Every three
// kills take each role once, in a random order.
func (f *fleet) killOne(t *testing.T, rng *rand.Rand) string {
	if len(f.order) == 0 {
		f.order = slices.Clone(drillRoles)
		rng.Shuffle(len(f.order), func(i, j int) { f.order[i], f.order[j] = f.order[j], f.order[i] })
	}
	role := f.order[0]
	f.order = f.order[1:]
	k := rng.IntN(len(f.procs[role]))
	p := f.procs[role][k]
	if role == roleWorker {
		f.killedWorkers = append(f.killedWorkers, time.Now())
	}
	require.NoError(t, p.cmd.Process.Kill())
	<-p.done
	f.kills[role]++
	f.procs[role][k] = f.procs[role][len(f.procs[role])-1]
	f.procs[role] = f.procs[role][:len(f.procs[role])-1]
	f.publish()
	f.procs[role] = append(f.procs[role], f.start(t, role))
	f.publish()
	return role
}

// api is a live API process, for the test's own API calls.
func (f *fleet) api() *proc { return f.procs[roleAPI][0] }

// balancer is a round-robin reverse proxy before the API processes, as a
// load balancer would stand: a process that refuses the connection is
// skipped for the next; with none left the answer is 503, which WeCom
// (the sandbox) retries.
type balancer struct {
	url   string
	mu    sync.Mutex
	bases []string
	next  atomic.Uint64
}

func newBalancer(t *testing.T) *balancer {
	b := &balancer{}
	srv := httptest.NewServer(b)
	t.Cleanup(srv.Close)
	b.url = srv.URL
	return b
}

func (b *balancer) set(bases []string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.bases = bases
}

// ServeHTTP forwards r to the next backend. A backend that refuses the
// connection (a killed process) is skipped for the next; a failure after
// the request went out answers 502, which WeCom retries.
func (b *balancer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	b.mu.Lock()
	bases := append([]string(nil), b.bases...)
	b.mu.Unlock()
	start := int(b.next.Add(1))
	for i := range bases {
		req, err := http.NewRequestWithContext(r.Context(), r.Method, bases[(start+i)%len(bases)]+r.URL.RequestURI(), bytes.NewReader(body))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		req.Header = r.Header.Clone()
		resp, err := http.DefaultClient.Do(req)
		if errors.Is(err, syscall.ECONNREFUSED) {
			continue
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		w.WriteHeader(resp.StatusCode)
		_, _ = io.Copy(w, resp.Body)
		resp.Body.Close()
		return
	}
	http.Error(w, "no backend", http.StatusServiceUnavailable)
}
