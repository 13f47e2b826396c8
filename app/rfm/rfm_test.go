package rfm_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// bought is what the test itself knows of a member's orders.
type bought struct {
	sales int
	net   int64
	last  time.Time
}

// Every member's class and stage equal the test's own computation of
// them from the orders it sent (medians taken by the test), and a new
// order moves its member at the next pass, with the change kept.
func TestRFMMatchesIndependentComputation(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		core := root.NewCore(d, testkit.Box(t), auth.Options{})
		corp := &app.Corp{CorpID: "ww_rfm", Name: "RFM"}
		ctx := app.WithActor(context.Background(), "user:1")
		require.NoError(t, core.Stores.Corps.CreateCorp(ctx, corp))
		now := time.Now().UTC()
		rng := rand.New(rand.NewPCG(1, 2))
		ids := map[string]int64{}
		know := map[string]*bought{}
		for i := range 60 {
			no := fmt.Sprintf("R%03d", i)
			ext := "wm" + no
			res, err := core.Member.Upsert(ctx, corp.ID, member.Input{MemberNo: no, ExternalUserIDs: []string{ext}})
			require.NoError(t, err)
			added := now
			require.NoError(t, core.Stores.Directory.UpsertCustomers(ctx, []app.Customer{{CorpID: corp.ID, ExternalUserID: ext}}))
			require.NoError(t, core.Stores.Directory.UpsertFollows(ctx, []app.Follow{{CorpID: corp.ID, UserID: "g1", ExternalUserID: ext, AddTime: &added, SyncedAt: &added}}))
			ids[no], know[no] = res.MemberID, &bought{}
			for j := range rng.IntN(5) {
				amount := int64(100 + rng.IntN(50000))
				paid := now.Add(-time.Duration(1+rng.IntN(300*24)) * time.Hour).Truncate(time.Second)
				_, err := core.Orders.IngestOrder(ctx, corp.ID, app.OrderInput{Source: app.OrderSourceMall, Kind: app.OrderSale,
					OrderNo: fmt.Sprintf("%s-%d", no, j), MemberNo: no, AmountCents: &amount, PaidAt: paid.Format(time.RFC3339)})
				require.NoError(t, err)
				k := know[no]
				k.sales, k.net = k.sales+1, k.net+amount
				if paid.After(k.last) {
					k.last = paid
				}
			}
		}
		require.NoError(t, core.RFM.Full(ctx, corp.ID, 0))
		expect(t, core, corp.ID, ids, know)
		for _, stage := range []string{app.StageIntro, app.StageGrowth, app.StageMature, app.StageDormant, app.StageChurned} {
			want := 0
			for _, k := range know {
				if stageOf(k, 2) == stage {
					want++
				}
			}
			p, err := core.Segment.Preview(ctx, corp.ID, app.SegmentRule{Field: "rfm.stage", Cmp: "eq", Value: stage})
			require.NoError(t, err)
			assert.Equal(t, int64(want), p.Count, "segment of stage %s", stage)
		}

		no := "R000"
		amount := int64(900000)
		_, err := core.Orders.IngestOrder(ctx, corp.ID, app.OrderInput{Source: app.OrderSourceMall, Kind: app.OrderSale, OrderNo: "R000-big",
			MemberNo: no, AmountCents: &amount, PaidAt: now.Add(-time.Hour).Format(time.RFC3339)})
		require.NoError(t, err)
		k := know[no]
		k.sales, k.net, k.last = k.sales+1, k.net+amount, now.Add(-time.Hour).Truncate(time.Second)
		require.NoError(t, core.RFM.Incremental(ctx, corp.ID, 0))
		got, err := core.Stores.RFM.MemberRFMs(ctx, corp.ID, []int64{ids[no]})
		require.NoError(t, err)
		assert.Equal(t, stageOf(k, 2), got[ids[no]].Stage)
		assert.Equal(t, k.sales, got[ids[no]].Frequency)
	})
}

// expect compares every member with the test's own classification.
func expect(t *testing.T, core *root.Core, corpID int64, ids map[string]int64, know map[string]*bought) {
	var r, f, m []int64
	now := time.Now().UTC()
	for _, k := range know {
		if k.sales > 0 {
			r, f, m = append(r, int64(now.Sub(k.last).Hours()/24)), append(f, int64(k.sales)), append(m, k.net)
		}
	}
	med := func(xs []int64) int64 { slices.Sort(xs); return xs[len(xs)/2] }
	mr, mf, mm := med(r), med(f), med(m)
	all := make([]int64, 0, len(ids))
	for _, id := range ids {
		all = append(all, id)
	}
	got, err := core.Stores.RFM.MemberRFMs(context.Background(), corpID, all)
	require.NoError(t, err)
	names := map[[3]bool]string{{true, true, true}: "重要价值", {false, true, true}: "重要唤回", {true, false, true}: "重要深耕",
		{false, false, true}: "重要挽留", {true, true, false}: "潜力", {true, false, false}: "新客户", {false, true, false}: "一般维持", {false, false, false}: "流失"}
	for no, k := range know {
		row := got[ids[no]]
		assert.Equal(t, stageOf(k, 2), row.Stage, no)
		if k.sales == 0 {
			assert.Empty(t, row.Class, no)
			continue
		}
		days := int64(now.Sub(k.last).Hours() / 24)
		assert.Equal(t, names[[3]bool{days <= mr, int64(k.sales) >= mf, k.net >= mm}], app.RFMClassNames[row.Class], no)
	}
}

func stageOf(k *bought, growth int) string {
	days := int(time.Since(k.last).Hours() / 24)
	switch {
	case k.sales == 0:
		return app.StageIntro
	case days > 180:
		return app.StageChurned
	case days > 90:
		return app.StageDormant
	case k.sales > growth:
		return app.StageMature
	}
	return app.StageGrowth
}
