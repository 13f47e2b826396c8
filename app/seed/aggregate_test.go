package seed_test

import (
	"testing"

	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/stats"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// aggregator is the daily aggregation as the composition root builds it.
func aggregator(t testing.TB, d *db.DB) *stats.Service {
	return root.NewCore(d, testkit.Box(t), auth.Options{}).Stats
}
