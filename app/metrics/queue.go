package metrics

import (
	"log/slog"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"
)

// QueueInspector is the part of asynq's Inspector the collector reads.
type QueueInspector interface {
	Queues() ([]string, error)
	GetQueueInfo(queue string) (*asynq.QueueInfo, error)
}

var queueTasksDesc = prometheus.NewDesc("siyu_queue_tasks",
	"Tasks in each asynq queue by state, read from Redis at scrape time.",
	[]string{"queue", "state"}, nil)

// QueueCollector reports queue sizes at scrape time, so the numbers are
// those of Redis (shared by every worker) rather than of this process.
type QueueCollector struct {
	insp QueueInspector
	log  *slog.Logger
}

// NewQueueCollector returns a collector reading through insp.
func NewQueueCollector(insp QueueInspector, log *slog.Logger) *QueueCollector {
	return &QueueCollector{insp: insp, log: log}
}

// Describe sends the one metric family this collector emits.
func (c *QueueCollector) Describe(ch chan<- *prometheus.Desc) { ch <- queueTasksDesc }

// Collect reads every queue; a Redis failure is logged and the scrape goes on
// without queue figures rather than failing as a whole.
func (c *QueueCollector) Collect(ch chan<- prometheus.Metric) {
	queues, err := c.insp.Queues()
	if err != nil {
		c.log.Warn("metrics: list queues", "err", err)
		return
	}
	for _, q := range queues {
		info, err := c.insp.GetQueueInfo(q)
		if err != nil {
			c.log.Warn("metrics: queue info", "queue", q, "err", err)
			continue
		}
		for state, n := range map[string]int{
			"pending": info.Pending, "active": info.Active, "scheduled": info.Scheduled,
			"retry": info.Retry, "archived": info.Archived, "completed": info.Completed,
		} {
			ch <- prometheus.MustNewConstMetric(queueTasksDesc, prometheus.GaugeValue, float64(n), q, state)
		}
	}
}
