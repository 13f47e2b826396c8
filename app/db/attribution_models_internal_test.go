package db

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
)

// TestPackLinesRoundTrip: a packed order's lines read back as they were,
// whatever their text holds (quotes, backslashes, control characters,
// Chinese, an explanation that is not JSON) and with or without a store.
func TestPackLinesRoundTrip(t *testing.T) {
	store := int64(42)
	row := modelRow{RulesID: 3, OrderID: 9, CorpID: 7, PaidAt: time.Date(2026, 5, 1, 2, 3, 4, 0, time.UTC), ComputedAt: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
	in := []app.Credit{
		{Model: app.ModelLinear, Line: 1, UserID: `g"1\x`, StoreID: &store, Team: app.TeamStore, ShareBP: 3333, AmountCents: -1234,
			Explanation: `{"rule":"linear","reason":"线性：每个触点均分","touches":[1,2],"version":2}`},
		{Model: app.ModelFirst, Line: 2, Team: app.TeamOnline, ShareBP: 6667, AmountCents: 0, Explanation: "not json \"\n\t\x01 说明"},
	}
	for i := range in {
		in[i].CorpID, in[i].OrderID, in[i].RulesID, in[i].PaidAt, in[i].ComputedAt = 7, 9, 3, row.PaidAt, row.ComputedAt
	}
	out, err := unpackLines(packLines(in), row)
	require.NoError(t, err)
	require.Equal(t, in, out)
	empty, err := unpackLines(packLines(nil), row)
	require.NoError(t, err)
	require.Empty(t, empty)
}
