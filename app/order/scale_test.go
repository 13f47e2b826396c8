package order_test

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// A full batch of 1,000 orders is written at once, and again changes
// nothing.
func TestBatchOf1000(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		batch := numbered(1000, "K")
		res, err := f.svc.IngestOrders(f.ctx, f.corp, batch)
		require.NoError(t, err)
		created := 0
		ids := map[int64]bool{}
		for _, r := range res {
			created += map[bool]int{true: 1}[r.Outcome == app.OrderCreated]
			ids[r.ID] = true
		}
		assert.Equal(t, 1000, created)
		assert.Len(t, ids, 1000, "each order has its own id")
		assert.Equal(t, 1000, f.count(t, "orders"))
		assert.Equal(t, 2000, f.count(t, "order_items"))
		again, err := f.svc.IngestOrders(f.ctx, f.corp, batch)
		require.NoError(t, err)
		for i, r := range again {
			require.Equal(t, app.OrderUnchanged, r.Outcome)
			require.Equal(t, res[i].ID, r.ID)
		}
		got, err := f.svc.FindOrder(f.ctx, f.corp, res[999].ID, f.admin)
		require.NoError(t, err)
		assert.Equal(t, "K00999", got.OrderNo, "ids belong to their orders")
		assert.Equal(t, "全麦吐司", got.Items[0].Name)
	})
}

// Several API instances ingesting the same batches at once write each
// order exactly once: whoever inserts a number second is refused by the
// unique key, reads the winner's row and reports it unchanged.
func TestConcurrentIdenticalBatches(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		const writers, rounds = 4, 3
		for round := range rounds {
			batch := numbered(300, string(rune('a'+round)))
			batch[7] = refund("RF"+string(rune('a'+round)), batch[3].OrderNo, -5000) // a refund of a sale of the same batch
			var wg sync.WaitGroup
			results := make([][]app.OrderResult, writers)
			errs := make([]error, writers)
			for w := range writers {
				wg.Go(func() { results[w], errs[w] = f.svc.IngestOrders(f.ctx, f.corp, batch) })
			}
			wg.Wait()
			for w := range writers {
				require.NoError(t, errs[w], "writer %d", w)
			}
			for i := range batch {
				created := 0
				for w := range writers {
					assert.Equal(t, results[0][i].ID, results[w][i].ID, "one row per order")
					created += map[bool]int{true: 1}[results[w][i].Outcome == app.OrderCreated]
				}
				assert.Equal(t, 1, created, "order %d of round %d created once", i, round)
			}
		}
		assert.Equal(t, rounds*300, f.count(t, "orders"))
		assert.Equal(t, rounds*299*2, f.count(t, "order_items"))
	})
}

// A store manager lists and opens only their store's orders.
func TestStoreManagerSeesTheirStore(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		bj := sale("J1")
		bj.StoreCode = "BJ01"
		online := sale("O1")
		online.StoreCode = ""
		res, err := f.svc.IngestOrders(f.ctx, f.corp, []app.OrderInput{sale("H1"), bj, online})
		require.NoError(t, err)
		mine, _, err := f.svc.ListOrders(f.ctx, f.corp, f.sm, app.OrderFilter{})
		require.NoError(t, err)
		require.Len(t, mine, 1)
		assert.Equal(t, "H1", mine[0].OrderNo)
		_, _, err = f.svc.ListOrders(f.ctx, f.corp, f.sm, app.OrderFilter{StoreID: f.bj})
		assert.Equal(t, app.EFORBIDDEN, app.ErrorCode(err))
		_, err = f.svc.FindOrder(f.ctx, f.corp, res[1].ID, f.sm)
		assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err))
		all, _, err := f.svc.ListOrders(f.ctx, f.corp, f.admin, app.OrderFilter{Source: app.OrderSourcePOS, Kind: app.OrderSale})
		require.NoError(t, err)
		assert.Len(t, all, 3)
		_, _, err = f.svc.ListOrders(f.ctx, f.corp, f.admin, app.OrderFilter{Source: "x", Kind: "y"})
		assert.Len(t, app.ErrorFields(err), 2)
	})
}
