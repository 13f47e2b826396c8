package metrics

import "github.com/prometheus/client_golang/prometheus"

// Callbacks counts WeCom callbacks by what became of them (stored,
// duplicate, unknown_type, rejected, queued_only, unavailable). It satisfies
// inbox.Counter.
type Callbacks struct {
	vec *prometheus.CounterVec
}

// NewCallbacks registers siyu_wecom_callbacks_total on reg.
func NewCallbacks(reg prometheus.Registerer) *Callbacks {
	vec := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "siyu_wecom_callbacks_total", Help: "WeCom callbacks received, by outcome.",
	}, []string{"outcome"})
	reg.MustRegister(vec)
	return &Callbacks{vec: vec}
}

// Inc counts one callback with outcome.
func (c *Callbacks) Inc(outcome string) { c.vec.WithLabelValues(outcome).Inc() }
