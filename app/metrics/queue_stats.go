package metrics

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// QueueStats reads the queues for the console's 概览 through the same
// inspector the collector uses.
type QueueStats struct{ Insp QueueInspector }

var _ app.QueueHealth = QueueStats{}

// QueueStats returns each queue's sizes and latency.
func (q QueueStats) QueueStats(ctx context.Context) ([]app.QueueStat, error) {
	names, err := q.Insp.Queues()
	if err != nil {
		return nil, app.Wrap(app.EUNAVAILABLE, err, "无法读取任务队列")
	}
	out := make([]app.QueueStat, 0, len(names))
	for _, n := range names {
		info, err := q.Insp.GetQueueInfo(n)
		if err != nil {
			return nil, app.Wrap(app.EUNAVAILABLE, err, "无法读取任务队列 "+n)
		}
		out = append(out, app.QueueStat{Queue: n, Pending: info.Pending, Active: info.Active, Scheduled: info.Scheduled,
			Retry: info.Retry, Archived: info.Archived, Latency: info.Latency})
	}
	return out, nil
}
