package tasks

import (
	"github.com/hibiken/asynq"
)

// TypeJourneyTick fires every corp's customer journeys (客户SOP / 节日关怀):
// the steps due since the last tick are recorded in the fire ledger and
// their actions run (app/journey).
const TypeJourneyTick = "journey:tick"

// journeyTickEvery is how late a journey step may fire after its time.
const journeyTickEvery = 5 // ticks (minutes in production)

// NewJourneyTickTask builds the periodic tick.
func NewJourneyTickTask() *asynq.Task { return asynq.NewTask(TypeJourneyTick, nil) }
