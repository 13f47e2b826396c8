// Package tasks is the only place that knows task type names. It holds the
// payload types with their NewXxxTask constructors, the handlers, the one
// ServeMux, the worker and scheduler set-up, and the periodic schedule.
package tasks

// Queues, by priority. Weights come from worker.queues in the config; a
// weight decides how often a worker polls that queue relative to the others.
const (
	// QueueCritical holds work with a WeCom deadline (welcome messages must
	// go out within 20 seconds of an add).
	QueueCritical = "critical"
	// QueueDefault holds event application and everyday jobs.
	QueueDefault = "default"
	// QueueLow holds bulk work: full syncs, reports, reconciles.
	QueueLow = "low"
	// QueueReads holds reads from WeCom that follow an applied event (a new
	// customer's details). Its own worker pool runs them, so reads waiting
	// on WeCom's rate limit never hold the slots events are applied in.
	QueueReads = "wecom_reads"
)
