// Package metrics holds Siyu's Prometheus registry and the instruments the
// HTTP layer and the task workers record into. It is built once in cmd/siyu
// and passed down; there is no default global registry.
package metrics

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Metrics is the set of instruments shared by the process.
type Metrics struct {
	Registry *prometheus.Registry

	HTTPRequests *prometheus.CounterVec   // route, method, status
	HTTPDuration *prometheus.HistogramVec // route, method
	TaskOutcomes *prometheus.CounterVec   // type, outcome
	TaskDuration *prometheus.HistogramVec // type
}

// Task outcomes as counted by TaskOutcomes.
const (
	OutcomeSuccess = "success"
	OutcomeRetry   = "retry"   // failed, will run again
	OutcomeDropped = "dropped" // failed for good (invalid payload, not found)
)

// New registers every instrument plus the Go runtime and process collectors
// on a fresh registry.
func New() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		HTTPRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "siyu_http_requests_total", Help: "HTTP requests by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		HTTPDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "siyu_http_request_duration_seconds", Help: "HTTP request latency by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route", "method"}),
		TaskOutcomes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "siyu_tasks_processed_total", Help: "Tasks processed by type and outcome (success, retry, dropped).",
		}, []string{"type", "outcome"}),
		TaskDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "siyu_task_duration_seconds", Help: "Task handler run time by type.",
			Buckets: prometheus.ExponentialBuckets(0.001, 4, 10),
		}, []string{"type"}),
	}
	m.Registry.MustRegister(m.HTTPRequests, m.HTTPDuration, m.TaskOutcomes, m.TaskDuration,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}
