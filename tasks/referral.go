package tasks

import (
	"github.com/hibiken/asynq"
)

// TypeReferralTick credits every corp's referral helps whose hold period
// has passed (judging them once more) and grants the reward tiers they
// reach. Settling is idempotent, so a late tick beside the next is
// harmless.
const TypeReferralTick = "referral:tick"

// referralTickEvery is the tick's period: a help is credited within about
// a minute of its hold ending.
const referralTickEvery = 1 // tick (a minute in production)

// NewReferralTickTask builds the periodic tick.
func NewReferralTickTask() *asynq.Task { return asynq.NewTask(TypeReferralTick, nil) }
