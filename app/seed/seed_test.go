package seed_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/seed"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// seeded is a corp the generator filled.
type seeded struct {
	corp     *app.Corp
	zone     *time.Location
	from, to string
	rep      *seed.Report
}

// seedCorp creates a corp and generates days of customers into it.
func seedCorp(t testing.TB, d *db.DB, customers, days int, end string) seeded {
	ctx := context.Background()
	corp := &app.Corp{CorpID: testkit.RandomName("wws"), Name: "种子", Timezone: "Asia/Shanghai"}
	require.NoError(t, db.NewCorpStore(d, testkit.Box(t)).CreateCorp(ctx, corp))
	zone := app.ZoneNamed(corp.Timezone)
	workers := 3
	if d.Dialect() == config.DriverSQLite {
		workers = 1
	}
	rep, err := seed.Run(ctx, db.NewSeedStore(d), seed.Options{CorpID: corp.ID, Zone: zone, Days: days, Customers: customers, Seed: 7,
		End: end, Workers: workers})
	require.NoError(t, err)
	return seeded{corp: corp, zone: zone, from: rep.From, to: rep.To, rep: rep}
}

// TestSeed generates a small corp on both databases: the same rows on
// each (the same seed and end give the same data), every reference
// holding, every figure of the dashboards exercised, and a second run of
// the same seed refused.
func TestSeed(t *testing.T) {
	var prints []map[string]int64
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		s := seedCorp(t, d, 500, 30, "2026-03-31")
		assert.Equal(t, "2026-03-02", s.from)
		prints = append(prints, fingerprint(t, d, s.corp.ID))
		assert.Equal(t, s.rep.Rows["touches"], prints[len(prints)-1]["touches"])
		if d.Dialect() == config.DriverSQLite {
			rows, err := d.SQL().Query("PRAGMA foreign_key_check")
			require.NoError(t, err)
			assert.False(t, rows.Next(), "every generated row's references hold")
			rows.Close()
		}
		readable(t, d, s.corp.ID)
		x := expectAll(t, d, s, time.Now())
		var sum app.Figures
		for k, f := range x.rows {
			if k.dim == app.StatCorp {
				sum.Add(*f)
			}
		}
		v := reflect.ValueOf(sum)
		for i := range v.NumField() {
			if !x.behavior && chatFigure(v.Type().Field(i).Name) {
				continue
			}
			assert.NotZero(t, v.Field(i).Int(), "the seeded data exercise %s", v.Type().Field(i).Name)
		}
		dims := map[string]int{}
		for k := range x.rows {
			dims[k.dim]++
		}
		assert.Len(t, dims, len(app.StatDims), "rows of every dimension")
		_, err := seed.Run(context.Background(), db.NewSeedStore(d), seed.Options{CorpID: s.corp.ID, Days: 3, Customers: 3, Seed: 7, Workers: 1})
		assert.Equal(t, app.ECONFLICT, app.ErrorCode(err), "a seed is generated once per corp")
	})
	require.Len(t, prints, 2)
	assert.Equal(t, prints[0], prints[1], "the same seed writes the same data on both databases")
}

// fingerprint sums what the generator drew, table by table: row counts
// and a few sums of drawn values (not the ids or times a database picks).
func fingerprint(t testing.TB, d *db.DB, corp int64) map[string]int64 {
	out := map[string]int64{}
	for name, q := range map[string]string{
		"touches":    "SELECT COUNT(*) FROM touches WHERE corp_id = ?",
		"touch_self": "SELECT COUNT(*) FROM touches WHERE corp_id = ? AND self_reported = 1",
		"follows":    "SELECT COUNT(*) FROM follows WHERE corp_id = ? AND deleted_at IS NULL",
		"orders":     "SELECT SUM(amount_cents) FROM orders WHERE corp_id = ?",
		"credits":    "SELECT SUM(amount_cents * (line + 1)) FROM order_credits WHERE corp_id = ?",
		"tasks":      "SELECT COUNT(*) FROM guide_tasks WHERE corp_id = ? AND status = 'done'",
		"recipients": "SELECT COUNT(*) FROM mass_send_recipients WHERE corp_id = ? AND result = 'sent'",
		"helps":      "SELECT COUNT(*) FROM referral_helps WHERE corp_id = ? AND status = 'credited'",
		"rfm":        "SELECT SUM(monetary_cents + recency_days) FROM member_rfm WHERE corp_id = ?",
		"fires":      "SELECT COUNT(*) FROM group_sop_fires WHERE corp_id = ? AND status = 'done'",
		"welcomes":   "SELECT COUNT(*) FROM welcome_sends WHERE corp_id = ? AND status = 'sent'",
		"ends":       "SELECT COUNT(*) FROM contact_ends WHERE corp_id = ? AND ended_by = 'guide'",
	} {
		var n int64
		require.NoError(t, d.SQL().QueryRow(q, corp).Scan(&n), name)
		out[name] = n
	}
	return out
}

// chatFigure reports a figure of WeCom's chat figures (behavior_days).
func chatFigure(name string) bool {
	return strings.Contains("ChatCnt MessageCnt ReplyPctSum ReplyPctN ReplyTimeSum ReplyTimeN NegativeFeedback NewApply NewContact", name)
}

// readable reads the generated rows Siyu decodes (JSON columns above all)
// through its own stores.
func readable(t *testing.T, d *db.DB, corp int64) {
	ctx := context.Background()
	rules, err := db.NewAttributionStore(d).LatestRules(ctx, corp, 0)
	require.NoError(t, err)
	assert.Equal(t, 2, rules.Version)
	camps, n, err := db.NewReferralStore(d).ListCampaigns(ctx, corp, app.Page{Limit: 10})
	require.NoError(t, err)
	assert.EqualValues(t, 3, n)
	fig, err := db.NewReferralStore(d).ReferralFigures(ctx, corp, camps[0].ID)
	require.NoError(t, err)
	assert.NotNil(t, fig)
	sops, err := db.NewGroupSOPStore(d).ListSOPs(ctx, corp)
	require.NoError(t, err)
	require.Len(t, sops, 2)
	assert.Len(t, sops[0].Steps, 1)
	sends, n, err := db.NewMassSendStore(d).ListMassSends(ctx, corp, app.MassSendFilter{Page: app.Page{Limit: 10}})
	require.NoError(t, err)
	assert.NotZero(t, n)
	_, err = db.NewMassSendStore(d).FindMassSend(ctx, corp, sends[0].ID)
	require.NoError(t, err)
	for _, s := range sends { // the counts a planned send keeps, as its recipients have them
		var targeted, excluded, holdout int64
		require.NoError(t, d.SQL().QueryRow(`SELECT COALESCE(SUM(excluded = ''), 0), COALESCE(SUM(excluded <> ''), 0), COALESCE(SUM(excluded = 'holdout'), 0)
			FROM mass_send_recipients WHERE corp_id = ? AND send_id = ?`, corp, s.ID).Scan(&targeted, &excluded, &holdout))
		assert.Equal(t, []int64{targeted, excluded, holdout}, []int64{s.Targeted, s.Excluded, s.Holdout}, s.Name)
		assert.NotZero(t, s.Holdout, s.Name)
	}
	chans, _, err := db.NewChannelStore(d).ListChannels(ctx, corp, app.ChannelFilter{Page: app.Page{Limit: 50}})
	require.NoError(t, err)
	assert.NotEmpty(t, chans)
}
