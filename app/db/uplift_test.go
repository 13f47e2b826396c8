package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// Results read back as written, an estimate the data could not give as
// not valid; a store's results are its own, newest subject first; saving
// a subject again replaces it, and replacing a kind drops what the new
// set leaves out, in that corp only.
func TestUpliftResults(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		corps := db.NewCorpStore(d, testkit.Box(t))
		var ids [2]int64
		for i := range ids {
			c := &app.Corp{CorpID: testkit.RandomName("ww"), Name: "提升"}
			require.NoError(t, corps.CreateCorp(ctx, c))
			ids[i] = c.ID
		}
		s := db.NewUpliftStore(d)
		at := time.Date(2026, 6, 15, 4, 0, 0, 0, time.UTC)
		guide := app.UpliftResult{CorpID: ids[0], Kind: app.UpliftGuide, From: at.AddDate(0, -9, 0), To: at.AddDate(0, -3, 0), WindowDays: 365,
			Treated: 1310, Control: 2149, Spend: app.Estimate{Value: 0.279, Low: 0.204, High: 0.359, Valid: true},
			Revenue: app.Estimate{Value: 51234.5, Low: 40000, High: 62000.25, Valid: true}, TreatedMeanCents: 234000, ControlMeanCents: 183000,
			Strata: 80, StrataDropped: 24, TreatedDropped: 17, ComputedAt: at}
		store := guide
		store.StoreID, store.Spend = 7, app.Estimate{}
		other := guide
		other.CorpID = ids[1]
		require.NoError(t, s.ReplaceUplifts(ctx, ids[0], app.UpliftGuide, []app.UpliftResult{guide, store}))
		require.NoError(t, s.ReplaceUplifts(ctx, ids[1], app.UpliftGuide, []app.UpliftResult{other}))
		got, err := s.Uplifts(ctx, ids[0], app.UpliftGuide, 0)
		require.NoError(t, err)
		assert.Equal(t, []app.UpliftResult{guide}, got)
		got, err = s.Uplifts(ctx, ids[0], app.UpliftGuide, 7)
		require.NoError(t, err)
		require.Len(t, got, 1)
		assert.False(t, got[0].Spend.Valid, "NULL is no estimate")

		require.NoError(t, s.ReplaceUplifts(ctx, ids[0], app.UpliftGuide, []app.UpliftResult{guide}))
		got, err = s.Uplifts(ctx, ids[0], app.UpliftGuide, 7)
		require.NoError(t, err)
		assert.Empty(t, got, "a store left out of the new set is gone")
		got, err = s.Uplifts(ctx, ids[1], app.UpliftGuide, 0)
		require.NoError(t, err)
		assert.Equal(t, []app.UpliftResult{other}, got, "another corp's results stay")

		sends := []app.UpliftResult{{CorpID: ids[0], Kind: app.UpliftMassSend, SubjectID: 3, WindowDays: 14, Treated: 10, ComputedAt: at},
			{CorpID: ids[0], Kind: app.UpliftMassSend, SubjectID: 9, WindowDays: 14, Treated: 20, ComputedAt: at,
				Conversion: app.Estimate{Value: 0.08, Low: 0.05, High: 0.11, Valid: true}, TreatedRate: 0.35, ControlRate: 0.27}}
		require.NoError(t, s.SaveUplifts(ctx, sends))
		sends[0].Treated = 11
		require.NoError(t, s.SaveUplifts(ctx, sends[:1]))
		got, err = s.Uplifts(ctx, ids[0], app.UpliftMassSend, 0)
		require.NoError(t, err)
		assert.Equal(t, []app.UpliftResult{sends[1], sends[0]}, got, "newest subject first, the subject saved again replaced")
	})
}
