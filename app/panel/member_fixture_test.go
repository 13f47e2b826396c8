package panel_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// sold is what the test itself knows of one sale it sent.
type sold struct {
	no       string
	at       time.Time
	amount   int64
	refunded int64 // ≥ 0
	store    string
}

// buyerWorld is a corp whose members and orders the test made through
// the capabilities that keep them, with its own record of what it sent.
type buyerWorld struct {
	g        *root.Graph
	ctx      context.Context
	corp     *app.Corp
	stores   map[string]int64 // code → id
	names    map[string]string
	sales    map[string][]*sold // member number sent with the sale → its sales
	n        int                // orders sent, for their numbers
	now      time.Time
	bornFrom time.Time // the window the first record of a member was created in
	bornTo   time.Time
}

func newBuyerWorld(t *testing.T, g *root.Graph, corpID string) *buyerWorld {
	w := &buyerWorld{g: g, ctx: app.WithActor(context.Background(), "user:1"), stores: map[string]int64{}, names: map[string]string{},
		sales: map[string][]*sold{}, now: time.Now().UTC()}
	w.corp = &app.Corp{CorpID: corpID, Name: "会员订单", Timezone: "Asia/Shanghai"}
	require.NoError(t, g.Stores.Corps.CreateCorp(w.ctx, w.corp))
	return w
}

// store opens a store, in brand when it is not nil.
func (w *buyerWorld) store(t *testing.T, code, name string, brand *int64) {
	st := &app.Store{CorpID: w.corp.ID, Code: code, Name: name, Kind: app.StoreKindStore, Status: app.StoreOpen, BrandID: brand}
	require.NoError(t, w.g.Stores.Org.CreateStore(w.ctx, st))
	w.stores[code], w.names[code] = st.ID, name
}

// guide binds userID to store code and makes them follow exts.
func (w *buyerWorld) guide(t *testing.T, userID, code string, exts ...string) {
	require.NoError(t, w.g.Stores.Org.CreateGuide(w.ctx, &app.Guide{CorpID: w.corp.ID, UserID: userID, StoreID: w.stores[code],
		Role: app.GuideRoleGuide, Status: app.GuideActive}))
	for _, ext := range exts {
		require.NoError(t, w.g.Stores.Directory.UpsertCustomers(w.ctx, []app.Customer{{CorpID: w.corp.ID, ExternalUserID: ext, Name: "客户" + ext, Type: 1}}))
		require.NoError(t, w.g.Stores.Directory.UpsertFollows(w.ctx, []app.Follow{{CorpID: w.corp.ID, UserID: userID, ExternalUserID: ext,
			AddTime: &w.now, SyncedAt: &w.now}}))
	}
}

func (w *buyerWorld) member(t *testing.T, in member.Input) int64 {
	res, err := w.g.Member.Upsert(w.ctx, w.corp.ID, in)
	require.NoError(t, err)
	return res.MemberID
}

// sale sends a sale carrying member number no (none: "") at store code
// ("": the mini-program mall) and records it under no.
func (w *buyerWorld) sale(t *testing.T, no, code string, amount int64, at time.Time) *sold {
	w.n++
	s := &sold{no: fmt.Sprintf("%s-%03d", w.corp.CorpID, w.n), at: at.Truncate(time.Millisecond), amount: amount, store: "小程序商城"}
	in := app.OrderInput{Source: app.OrderSourceMall, OrderNo: s.no, MemberNo: no, AmountCents: &amount, PaidAt: at.Format(time.RFC3339Nano)}
	if code != "" {
		in.Source, in.StoreCode, s.store = app.OrderSourcePOS, code, w.names[code]
	}
	_, err := w.g.Orders.IngestOrder(w.ctx, w.corp.ID, in)
	require.NoError(t, err)
	w.sales[no] = append(w.sales[no], s)
	return s
}

// refund takes cents back from s, with the member number no (or none).
func (w *buyerWorld) refund(t *testing.T, s *sold, no string, cents int64) {
	w.n++
	source := app.OrderSourceMall
	if s.store != "小程序商城" {
		source = app.OrderSourcePOS
	}
	amount := -cents
	_, err := w.g.Orders.IngestOrder(w.ctx, w.corp.ID, app.OrderInput{Source: source, Kind: app.OrderRefund, OrderNo: fmt.Sprintf("R-%03d", w.n),
		RefundOf: s.no, MemberNo: no, AmountCents: &amount, PaidAt: s.at.Add(5 * time.Minute).Format(time.RFC3339Nano)})
	require.NoError(t, err)
	s.refunded += cents
}

// history sends sales of OLD1 and NEW1 over the last weeks in three
// stores, with partial refunds (some carrying the member number, some
// not), a full refund, and a sale of nobody.
func (w *buyerWorld) history(t *testing.T, rng *rand.Rand) {
	codes := []string{"S1", "S2", ""}
	for i := range 12 {
		no := []string{"OLD1", "NEW1"}[i%2]
		at := w.now.Add(-time.Duration(i*10+1)*time.Hour - time.Duration(rng.IntN(500))*time.Minute)
		s := w.sale(t, no, codes[rng.IntN(3)], int64(100+rng.IntN(300000)), at)
		switch {
		case i == 6:
			w.refund(t, s, no, s.amount)
		case i%3 == 0:
			w.refund(t, s, map[bool]string{true: no}[i%2 == 0], s.amount/4)
			if i == 3 {
				w.refund(t, s, "", s.amount/5)
			}
		}
	}
	w.sale(t, "", "S1", 88800, w.now.Add(-2*time.Hour)) // nobody's
}

func graph(t *testing.T, d *db.DB) *root.Graph {
	g := root.New(d, testkit.OpenRedis(t, testkit.RedisConfig(t, config.RedisEmbedded)), root.Options{Log: testkit.Logger(t), Box: testkit.Box(t)})
	t.Cleanup(func() { g.Close() })
	return g
}
