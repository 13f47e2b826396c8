package tasks

import (
	"github.com/hibiken/asynq"
)

// TypeOrderRelink links the orders of the last minutes that no member is
// linked to, to the members their keys match now (an order and its member
// written at the same instant miss each other).
const TypeOrderRelink = "order:relink"

// orderRelinkEvery is how soon such an order finds its member.
const orderRelinkEvery = 1 // tick (a minute in production)

// NewOrderRelinkTask builds the minute pass.
func NewOrderRelinkTask() *asynq.Task { return asynq.NewTask(TypeOrderRelink, nil) }
