package tasks

import (
	"time"

	"github.com/hibiken/asynq"
)

// TypeRFMSweep recomputes the RFM class and stage of the members who
// ordered since the last pass.
const TypeRFMSweep = "rfm:sweep"

// TypeRFMNightly recomputes every member, the medians first.
const TypeRFMNightly = "rfm:nightly"

// rfmSweepEvery is how soon an order moves its member.
const rfmSweepEvery = time.Minute

// NewRFMSweepTask builds the minute pass.
func NewRFMSweepTask() *asynq.Task { return asynq.NewTask(TypeRFMSweep, nil) }

// NewRFMNightlyTask builds the nightly task.
func NewRFMNightlyTask() *asynq.Task { return asynq.NewTask(TypeRFMNightly, nil) }
