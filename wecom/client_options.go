package wecom

// CallCounter counts WeCom calls by API and outcome ("ok", an errcode such
// as "45009", "http_502", "network", "canceled"); app/metrics provides the
// Prometheus one. Every try is counted, retries and token refetches too.
type CallCounter interface {
	CountCall(api, outcome string)
}

// Option adjusts a Client or MiniProgram.
type Option func(*options)

type options struct {
	limits  Limits
	backoff Backoff
	counter CallCounter
	sleep   sleeper
}

func newOptions(opts []Option) options {
	o := options{limits: DefaultLimits(), backoff: DefaultBackoff(), counter: noCounter{}, sleep: sleepCtx}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// WithLimits sets the per-corp per-API rate limits (DefaultLimits if not).
func WithLimits(l Limits) Option { return func(o *options) { o.limits = l } }

// WithBackoff sets the retry policy (DefaultBackoff if not).
func WithBackoff(b Backoff) Option { return func(o *options) { o.backoff = b } }

// WithMetrics counts every call into c.
func WithMetrics(c CallCounter) Option {
	return func(o *options) {
		if c != nil {
			o.counter = c
		}
	}
}

type noCounter struct{}

func (noCounter) CountCall(string, string) {}

// Counters counts each call into every counter it holds: the metrics of
// this process and the shared log the console reads.
type Counters []CallCounter

// CountCall counts the call into each counter.
func (cs Counters) CountCall(api, outcome string) {
	for _, c := range cs {
		c.CountCall(api, outcome)
	}
}
