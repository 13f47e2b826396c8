package attribution_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The catch-up starts a scope without rules on the defaults (a run, left
// to itself while it runs), then credits the orders no line of the latest
// version credits yet, batch after batch in one call, as the test's own
// computation does.
func TestCatchUpCreditsWhatCameSince(t *testing.T) {
	for _, driver := range []string{config.DriverSQLite, config.DriverMySQL} {
		t.Run(driver, func(t *testing.T) {
			d := testkit.MigratedDB(t, driver)
			c := buildChain(t, d, size{60, 600, 1500}) // a third of 600 orders is over three batches of 50
			c.svc.SetBatchSize(50)
			require.NoError(t, c.svc.CatchUp(c.ctx, c.core.Stores.Credits))
			require.Len(t, c.queue.ids, 1, "the defaults were saved and their run started")
			v1, err := c.core.Stores.Credits.LatestRules(c.ctx, c.corp, 0)
			require.NoError(t, err)
			require.Equal(t, 1, v1.Version)
			require.NoError(t, c.svc.CatchUp(c.ctx, c.core.Stores.Credits))
			require.Len(t, c.queue.ids, 1, "nothing new while the run runs")
			require.NoError(t, c.svc.Run(c.ctx, c.corp, c.queue.ids[0]))

			// Orders that came after the run: their credit is not there yet.
			for _, table := range []string{"order_credits", "order_model_credits"} {
				_, err := d.SQL().Exec("DELETE FROM "+table+" WHERE rules_id = ? AND order_id % 3 = 0", v1.ID)
				require.NoError(t, err)
			}
			missing, err := c.core.Stores.Credits.Uncredited(c.ctx, c.corp, 0, v1.ID, 100000)
			require.NoError(t, err)
			require.Greater(t, len(missing), 150, "more than three batches to credit")
			require.NoError(t, c.svc.CatchUp(c.ctx, c.core.Stores.Credits))
			missing, err = c.core.Stores.Credits.Uncredited(c.ctx, c.corp, 0, v1.ID, 100000)
			require.NoError(t, err)
			require.Empty(t, missing, "one call credited them all")
			c.check(t, v1)
		})
	}
}
