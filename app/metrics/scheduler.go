package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// What became of a period a scheduler fired, as Scheduler counts it.
const (
	PeriodEnqueued = "enqueued" // this scheduler queued the period's task
	PeriodAlready  = "already"  // another scheduler (or this one before a restart) was first
	PeriodMissed   = "missed"   // past its catch-up, or Redis refused it until then
)

// Scheduler counts the periods a scheduler fired and shows how far its
// clock is from Redis's, which every scheduler's must agree with for all
// to fire the same periods.
type Scheduler struct {
	periods *prometheus.CounterVec
	skew    prometheus.Gauge
}

// NewScheduler registers siyu_scheduler_periods_total and
// siyu_scheduler_clock_skew_seconds on reg.
func NewScheduler(reg prometheus.Registerer) *Scheduler {
	s := &Scheduler{
		periods: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "siyu_scheduler_periods_total",
			Help: "Periods of the schedule this scheduler fired, by task type and result (enqueued; already, another scheduler was first; missed).",
		}, []string{"type", "result"}),
		skew: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "siyu_scheduler_clock_skew_seconds",
			Help: "This scheduler's clock minus Redis's TIME at the last check; schedulers must agree within scheduler.max_clock_skew.",
		}),
	}
	reg.MustRegister(s.periods, s.skew)
	return s
}

// Period counts one period of taskType with result.
func (s *Scheduler) Period(taskType, result string) {
	if s != nil {
		s.periods.WithLabelValues(taskType, result).Inc()
	}
}

// ClockSkew records the clock's skew from Redis's.
func (s *Scheduler) ClockSkew(d time.Duration) {
	if s != nil {
		s.skew.Set(d.Seconds())
	}
}
