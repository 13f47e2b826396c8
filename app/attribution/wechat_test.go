package attribution_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/attribution"
)

// A 公众号 follow or scan through a store's code acquires the customer for
// that store's protection window; one through no code acquires nobody
// and does not end a store's claim; an add that came in online first
// leaves nothing to protect.
func TestWeChatTouchesAcquire(t *testing.T) {
	day := func(n int) time.Time { return day0.Add(time.Duration(n) * 24 * time.Hour) }
	oa := func(id int64, kind string, store *int64, at time.Time) app.Touch {
		return app.Touch{ID: id, Kind: kind, StoreID: store, At: at}
	}
	for _, tc := range []struct {
		name    string
		touches []app.Touch
		paid    time.Time
		store   *int64
		touch   int64
	}{
		{"scan of a store's code", []app.Touch{oa(1, app.TouchOAScan, &s2, day(0))}, day(10), &s2, 1},
		{"follow by search, then the store's code", []app.Touch{oa(1, app.TouchOASubscribe, nil, day(0)),
			oa(2, app.TouchOASubscribe, &s1, day(1))}, day(10), &s1, 2},
		{"outside the window", []app.Touch{oa(1, app.TouchOASubscribe, &s1, day(0))}, day(31), nil, 0},
		{"added online first", []app.Touch{{ID: 1, Kind: app.TouchAdd, UserID: "o1", StoreID: &on, At: day(0)},
			oa(2, app.TouchOAScan, &s1, day(1))}, day(10), &on, 1},
		{"a click acquires nobody", []app.Touch{oa(1, app.TouchOAClick, &s1, day(0))}, day(10), nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := attribution.Basis{Order: app.Order{ID: 1, Kind: app.OrderSale, AmountCents: 1000, PaidAt: tc.paid},
				Touches: tc.touches, Guides: guides, Stores: stores}
			cs := attribution.Decide(b, app.DefaultAttributionRules(1, 0), app.ModelRules)
			require.Len(t, cs, 1)
			assert.Equal(t, tc.store, cs[0].StoreID)
			var why attribution.Explanation
			require.NoError(t, json.Unmarshal([]byte(cs[0].Explanation), &why))
			if tc.touch != 0 {
				assert.Equal(t, []int64{tc.touch}, why.Touches)
			}
		})
	}
}
