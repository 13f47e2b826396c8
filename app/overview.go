package app

import (
	"context"
	"time"
)

// Overview is the console's 概览: what happened today and what waits,
// for a corp or one store (StoreID set).
type Overview struct {
	Since     time.Time // the start of today in the corp's zone
	Adds      int64     // relations begun since
	Deletions int64     // relations ended since, by either side
	// Welcomes counts today's adds by what became of their welcome
	// message (WelcomeSent, WelcomeNoCode, …).
	Welcomes         map[string]int64
	Pooled           int64 // customers waiting in the pool (公海)
	TransfersRunning int64
	// ItemsRefused counts customers of running transfers whom WeCom's
	// user refused or a limit kept, each with a follow-up task.
	ItemsRefused int64
	LastSync     *SyncRun // the last full sync, nil before the first
}

// OverviewReader reads the figures of the console's 概览.
type OverviewReader interface {
	Overview(ctx context.Context, corpID, storeID int64, since time.Time) (*Overview, error)
}

// QueueStat is one background queue as the console shows it.
type QueueStat struct {
	Queue                                       string
	Pending, Active, Scheduled, Retry, Archived int
	Latency                                     time.Duration // how long the oldest pending task has waited
}

// QueueHealth reads the background queues' sizes from Redis, the same
// whichever instance asks.
type QueueHealth interface {
	QueueStats(ctx context.Context) ([]QueueStat, error)
}

// CallLog counts WeCom calls that failed, across every instance, by
// outcome (an errcode such as "45009", "network", "http_502").
type CallLog interface {
	CallErrors(ctx context.Context, window time.Duration) (map[string]int64, error)
}
