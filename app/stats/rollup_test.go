package stats

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app"
)

// The roll-up puts each part in the rows its figure counts in, counts an
// order once per row however many guides share it, makes a brand the sum
// of its stores' rows (not of their orders), keeps channel-only parts out
// of every other row, and leaves all-zero rows out.
func TestRollup(t *testing.T) {
	guides := map[string]int64{"g1": 1, "g2": 2}
	brands := map[int64]int64{1: 7, 2: 7}
	parts := []app.StatPart{
		{UserID: "g1", StoreID: 1, ChannelID: 5, Figures: app.Figures{Adds: 1}},
		{UserID: "", StoreID: 0, ChannelID: 5, Figures: app.Figures{Adds: 1}},
		{UserID: "g2", GuideStore: true, ChannelID: 5, Figures: app.Figures{Welcomes: 1}},
		// Order 9 is credited to g1 in store 1 and to g2 in store 2; order
		// 8 to g1 in both stores, a refund line in store 2.
		{UserID: "g1", StoreID: 1, OrderID: 9, Figures: app.Figures{Orders: 1, SalesCents: 60}},
		{UserID: "g2", StoreID: 2, OrderID: 9, Figures: app.Figures{Orders: 1, SalesCents: 40}},
		{UserID: "g1", StoreID: 1, OrderID: 8, Figures: app.Figures{Orders: 1, SalesCents: 10}},
		{UserID: "g1", StoreID: 2, OrderID: 8, Figures: app.Figures{Orders: 0, RefundCents: 5}},
		{StoreID: 2, ChannelID: 5, ChannelOnly: true, Figures: app.Figures{Orders: 1, SalesCents: 500}},
		{UserID: "x9", GuideStore: true, Figures: app.Figures{}},
	}
	got := map[string]app.Figures{}
	for _, r := range rollup(parts, guides, brands) {
		got[r.Dim+":"+r.Key+"@"+id(r.StoreID)] = r.Figures
	}
	assert.Equal(t, map[string]app.Figures{
		"corp:@0":     {Adds: 2, Welcomes: 1, Orders: 2, SalesCents: 110, RefundCents: 5},
		"guide:g1@1":  {Adds: 1, Orders: 2, SalesCents: 70, RefundCents: 5},
		"guide:g2@2":  {Welcomes: 1, Orders: 1, SalesCents: 40},
		"store:1@1":   {Adds: 1, Orders: 2, SalesCents: 70},
		"store:2@2":   {Welcomes: 1, Orders: 1, SalesCents: 40, RefundCents: 5},
		"brand:7@0":   {Adds: 1, Welcomes: 1, Orders: 3, SalesCents: 110, RefundCents: 5},
		"channel:5@1": {Adds: 1},
		"channel:5@0": {Adds: 1},
		"channel:5@2": {Welcomes: 1, Orders: 1, SalesCents: 500},
	}, got)
}

// Rows come in the dimensions' order, then by key and store.
func TestRollupOrder(t *testing.T) {
	parts := []app.StatPart{
		{UserID: "b", StoreID: 2, ChannelID: 3, Figures: app.Figures{Adds: 1}},
		{UserID: "a", StoreID: 1, ChannelID: 3, Figures: app.Figures{Adds: 1}},
	}
	var order []string
	for _, r := range rollup(parts, map[string]int64{"a": 1, "b": 2}, map[int64]int64{1: 4}) {
		order = append(order, r.Dim+":"+r.Key+"@"+id(r.StoreID))
	}
	assert.Equal(t, []string{"corp:@0", "brand:4@0", "store:1@1", "store:2@2", "guide:a@1", "guide:b@2", "channel:3@1", "channel:3@2"}, order)
}
