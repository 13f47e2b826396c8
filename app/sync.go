package app

import (
	"context"
	"time"
)

// SyncRun is one full sync of a corp's directory from WeCom. It advances
// page by page, saving its cursor with each page's writes, so a crash or
// redeploy resumes where it stopped instead of starting over.
type SyncRun struct {
	ID         int64
	CorpID     int64
	Kind       string // SyncFull
	Status     string // SyncRunning | SyncDone | SyncFailed
	Phase      string // SyncPhase*
	CursorJSON string `gorm:"column:cursor_json"`
	Customers  int    // customer–member pairs read
	Follows    int    // relations written
	GroupsSeen int    `gorm:"column:groups_seen"`
	DriftJSON  string `gorm:"column:drift_json"` // what the final sweep repaired
	LastError  string
	StartedAt  time.Time
	FinishedAt *time.Time
	UpdatedAt  time.Time
}

// Sync kinds, states and phases.
const (
	SyncFull = "full"

	SyncRunning = "running"
	SyncDone    = "done"
	SyncFailed  = "failed"

	SyncPhaseStaff     = "staff"
	SyncPhaseCustomers = "customers"
	SyncPhaseGroups    = "groups"
	SyncPhaseTags      = "tags"
	SyncPhaseSweep     = "sweep"
)

// SyncService keeps sync runs.
type SyncService interface {
	FindSync(ctx context.Context, id int64) (*SyncRun, error)
	RunningSync(ctx context.Context, corpID int64) (*SyncRun, error)
}

// SyncState is where one corp's full syncs stand, for the reconcile to
// decide whether to start one.
type SyncState struct {
	CorpID      int64
	Running     *SyncRun   // the run under way, if any
	LastDone    *time.Time // when the last successful run finished
	LastAttempt *time.Time // when the last run of any outcome started or ended, the later
}
