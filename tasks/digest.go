package tasks

import "github.com/hibiken/asynq"

// TypeDigestRun sends store managers their daily digest (经营日报) once
// each corp's clock has passed the digest hour. Each digest has a ledger
// row unique per manager and day, so runs at once still send it once.
const TypeDigestRun = "digest:run"

// digestRunEvery is the run's period: a digest arrives within ten
// minutes of the hour, and a run missed (no scheduler) is made up by the
// next one.
const digestRunEvery = 10 // ticks

// NewDigestRunTask builds the task the scheduler enqueues every ten minutes.
func NewDigestRunTask() *asynq.Task { return asynq.NewTask(TypeDigestRun, nil) }
