package sandbox

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Sandbox is a simulated WeCom serving many corps at once. It is safe for
// concurrent use.
type Sandbox struct {
	opts  Options
	clock *Clock

	mu     sync.Mutex
	corps  map[string]*Corp
	apps   map[string]*Corp // mini-program appid → corp
	oas    map[string]*Corp // 公众号 appid → corp
	tokens map[string]*token
	rnd    *rand.Rand

	routes  map[string]route
	acting  sync.Mutex // serialises journaled changes with their OnAction record
	orphans *callLog
	client  *http.Client // for callback deliveries
	ctx     context.Context
	stop    context.CancelFunc
	server  *http.Server
	base    atomic.Value // string: the URL Start listens on
}

// New builds a sandbox with no corps; add them with AddCorp.
func New(opts Options) *Sandbox {
	opts = opts.withDefaults()
	ctx, stop := context.WithCancel(context.Background())
	s := &Sandbox{
		opts:   opts,
		clock:  newClock(opts.Start, opts.FollowWallClock),
		corps:  map[string]*Corp{},
		apps:   map[string]*Corp{},
		oas:    map[string]*Corp{},
		tokens: map[string]*token{},
		rnd:    rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x5349595553414e44)),
		client: &http.Client{},
		ctx:    ctx,
		stop:   stop,
	}
	s.routes = apiRoutes()
	for api, rt := range oaRoutes() {
		s.routes[api] = rt
	}
	s.orphans = &callLog{max: opts.CallLogSize}
	return s
}

// Handler serves the WeCom API (/cgi-bin/...) and WeChat's
// /sns/jscode2session, so a client whose base URL is the sandbox's works
// unchanged, WeCom's OAuth authorize page at OAuthAuthorizePath, and the
// control API under ControlPrefix.
func (s *Sandbox) Handler() http.Handler {
	control := s.controlHandler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, ControlPrefix):
			control.ServeHTTP(w, r)
		case r.URL.Path == OAuthAuthorizePath:
			s.authorize(w, r)
		case strings.HasPrefix(r.URL.Path, QRPathPrefix):
			s.serveQR(w, r)
		case r.URL.Path == OAQRPath:
			s.serveOAQR(w, r)
		default:
			s.serve(w, r)
		}
	})
}

// Start serves the sandbox on addr ("127.0.0.1:0" when empty, a free
// loopback port) and returns its base URL, e.g. "http://127.0.0.1:40213".
func (s *Sandbox) Start(addr string) (string, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("sandbox: listen: %w", err)
	}
	s.mu.Lock()
	s.server = &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	srv := s.server
	s.mu.Unlock()
	go func() { _ = srv.Serve(ln) }()
	base := "http://" + ln.Addr().String()
	s.base.Store(base)
	return base, nil
}

// baseURL is the URL Start listens on, "" before Start.
func (s *Sandbox) baseURL() string {
	b, _ := s.base.Load().(string)
	return b
}

// Close stops the server started by Start (if any) and every corp's
// callback workers; deliveries still queued are abandoned, and requests
// still open after a grace of two seconds are cut.
func (s *Sandbox) Close() error {
	s.stop()
	s.mu.Lock()
	srv := s.server
	corps := s.corpList()
	s.mu.Unlock()
	for _, c := range corps {
		c.delivery.close()
	}
	if srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		// A client's transport may have dialed a connection it never sent
		// a request on; net/http waits five seconds for such a one before
		// taking it as idle. Whatever is still open is cut, as a stopped
		// server cuts it.
		err = srv.Close()
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("sandbox: shutdown: %w", err)
	}
	return nil
}

// Now returns the sandbox-wide time (new corps start their clocks from it).
func (s *Sandbox) Now() time.Time { return s.clock.Now() }

// Advance moves sandbox time forward by d for the sandbox and every corp.
// Tests sharing a sandbox should prefer Corp.Advance, which moves only
// their own corp.
func (s *Sandbox) Advance(d time.Duration) {
	s.clock.Advance(d)
	s.mu.Lock()
	corps := s.corpList()
	s.mu.Unlock()
	for _, c := range corps {
		c.clock.Advance(d)
	}
}

// Corp returns the corp with this id, or nil.
func (s *Sandbox) Corp(corpID string) *Corp {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.corps[corpID]
}

// corpList returns the corps sorted by id; callers hold s.mu.
func (s *Sandbox) corpList() []*Corp {
	out := make([]*Corp, 0, len(s.corps))
	for _, c := range s.corps {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].cfg.CorpID < out[j].cfg.CorpID })
	return out
}

// chance reports true with probability p, from the seeded source.
func (s *Sandbox) chance(p float64) bool {
	if p <= 0 {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rnd.Float64() < p
}

// intn returns a seeded pseudo-random int in [0, n).
func (s *Sandbox) intn(n int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rnd.IntN(n)
}
