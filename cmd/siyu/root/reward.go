package root

import (
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/reward"
)

// buildRewards wires rewards (奖品) on their own store: points are
// credited through the member capability, gifts become guide tasks
// through the task capability, all in the grant's transaction.
func (c *Core) buildRewards() {
	c.Rewards = &reward.Service{Tx: c.DB, Store: db.NewRewardStore(c.DB), Members: c.Member, Tasks: c.Todo, Audit: c.Audit}
}
