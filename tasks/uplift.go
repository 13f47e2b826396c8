package tasks

import "github.com/hibiken/asynq"

// TypeUpliftNightly measures every corp's uplift (app/uplift): guides
// against matched members, mass sends and journeys against their
// holdouts.
const TypeUpliftNightly = "uplift:nightly"

// NewUpliftNightlyTask builds the nightly task.
func NewUpliftNightlyTask() *asynq.Task { return asynq.NewTask(TypeUpliftNightly, nil) }
