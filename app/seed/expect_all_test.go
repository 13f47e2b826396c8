package seed_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
)

// expectAll computes every row of every day of s from the ledgers, with
// now as the computing time; rows with no figure are dropped, as the
// aggregation writes none.
func expectAll(t testing.TB, d *db.DB, s seeded, now time.Time) *expect {
	x := newExpect(t, d, s.corp.ID, now)
	x.behavior, x.to = hasBehavior(t, d), s.to
	first, err := time.ParseInLocation(time.DateOnly, s.from, s.zone)
	if err != nil {
		t.Fatal(err)
	}
	for day := first; day.Format(time.DateOnly) <= s.to; day = day.AddDate(0, 0, 1) {
		name, end := day.Format(time.DateOnly), day.AddDate(0, 0, 1).UTC()
		x.day(name, day.UTC(), end)
		x.state(name, end, x.behavior)
	}
	for k, f := range x.rows {
		if *f == (app.Figures{}) {
			delete(x.rows, k)
		}
	}
	return x
}

// hasBehavior reports whether the schema has WeCom's chat figures
// (behavior_days, migration 00035).
func hasBehavior(t testing.TB, d *db.DB) bool {
	ok, err := db.NewSeedStore(d).HasTable(context.Background(), "behavior_days")
	require.NoError(t, err)
	return ok
}
