package metrics

import "github.com/prometheus/client_golang/prometheus"

// WeComCalls counts calls to WeCom by API and outcome ("ok", an errcode,
// "http_502", "network", "canceled"); every try is counted, so retries
// and 45009 storms show up. It satisfies wecom.CallCounter.
type WeComCalls struct {
	vec *prometheus.CounterVec
}

// NewWeComCalls registers siyu_wecom_calls_total on reg.
func NewWeComCalls(reg prometheus.Registerer) *WeComCalls {
	vec := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "siyu_wecom_calls_total", Help: "WeCom API calls by API and outcome (ok, errcode, http status, network).",
	}, []string{"api", "outcome"})
	reg.MustRegister(vec)
	return &WeComCalls{vec: vec}
}

// CountCall adds one call of api with outcome.
func (w *WeComCalls) CountCall(api, outcome string) {
	w.vec.WithLabelValues(api, outcome).Inc()
}

// Vec exposes the counter, for tests and dashboards built in code.
func (w *WeComCalls) Vec() *prometheus.CounterVec { return w.vec }
