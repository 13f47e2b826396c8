package seed_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/dashboard"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// stored is a row of uplift_results as the test reads it.
type stored struct {
	kind                                     string
	subject, store                           int64
	from, to, computed                       time.Time
	treated, control, strata, dropped        int64
	treatedDropped, treatedMean, controlMean int64
	spend, conversion, revenue               [3]sql.NullFloat64
}

// storedUplifts are the corp's results of kind for store (0: the
// corp's), newest subject first.
func storedUplifts(t *testing.T, x *expect, kind string, store int64) []stored {
	rows, err := x.sql.QueryContext(context.Background(), `SELECT kind, subject_id, store_id, period_from, period_to, computed_at,
		treated, control, strata, strata_dropped, treated_dropped, treated_mean_cents, control_mean_cents,
		spend_value, spend_low, spend_high, conversion_value, conversion_low, conversion_high, revenue_value, revenue_low, revenue_high
		FROM uplift_results WHERE corp_id = ? AND kind = ? AND store_id = ? ORDER BY subject_id DESC`, x.corp, kind, store)
	require.NoError(t, err)
	defer rows.Close()
	var out []stored
	for rows.Next() {
		var r stored
		var from, to, computed any
		require.NoError(t, rows.Scan(&r.kind, &r.subject, &r.store, &from, &to, &computed, &r.treated, &r.control, &r.strata, &r.dropped,
			&r.treatedDropped, &r.treatedMean, &r.controlMean, &r.spend[0], &r.spend[1], &r.spend[2], &r.conversion[0], &r.conversion[1],
			&r.conversion[2], &r.revenue[0], &r.revenue[1], &r.revenue[2]))
		r.from, r.to, r.computed = asTime(t, from), asTime(t, to), asTime(t, computed)
		out = append(out, r)
	}
	require.NoError(t, rows.Err())
	return out
}

// asTime reads a scanned time: MariaDB's, or SQLite's text.
func asTime(t *testing.T, v any) time.Time {
	switch x := v.(type) {
	case time.Time:
		return x.UTC()
	case []byte:
		v = string(x)
	}
	s, _ := v.(string)
	for _, l := range []string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999", time.RFC3339Nano} {
		if at, err := time.Parse(l, s); err == nil {
			return at.UTC()
		}
	}
	t.Fatalf("not a time: %#v", v)
	return time.Time{}
}

// checkUpliftPage measures the corp's uplift as the nightly run does
// (the graph's app/uplift service at the wall clock), then holds every
// cell of 提升效果 — for the corp and for each store with a result, and
// the store checked elsewhere — against the rows of uplift_results read
// by the test's own SQL; and the guide comparison's linked members
// against the test's own count (checkLinked).
func checkUpliftPage(t *testing.T, g *root.Graph, x *expect, s seeded, store int64) {
	ctx := context.Background()
	require.NoError(t, g.Uplift.Run(ctx, s.corp.ID))
	corp := storedUplifts(t, x, app.UpliftGuide, 0)
	require.Len(t, corp, 1, "提升效果: the corp's guide comparison")
	scopes := []int64{0, store}
	x.scan("SELECT DISTINCT store_id FROM uplift_results WHERE corp_id = ? AND store_id NOT IN (0, ?)", []any{x.corp, store}, 0,
		func(_ []string, n []int64) { scopes = append(scopes, n[0]) })
	for _, st := range scopes {
		page, err := g.Dashboard.Uplift(ctx, dashboard.Scope{CorpID: s.corp.ID, StoreID: st}, s.zone)
		require.NoError(t, err)
		var all []stored
		for _, k := range []struct {
			kind string
			tb   dashboard.Table
		}{{app.UpliftGuide, page.Guide}, {app.UpliftMassSend, page.MassSends}, {app.UpliftJourney, page.Journeys}} {
			rs := storedUplifts(t, x, k.kind, st)
			checkUpliftTable(t, x, k.tb, rs, s.zone)
			all = append(all, rs...)
		}
		assert.Equal(t, len(all) == 0, page.Empty, "提升效果 (store %d): empty only when nothing was measured", st)
		var computed time.Time
		for _, r := range all {
			if r.computed.After(computed) {
				computed = r.computed
			}
		}
		assert.True(t, computed.Equal(page.Computed), "提升效果 (store %d): computed at %s, not %s", st, computed, page.Computed)
	}
	checkLinked(t, x, corp[0])
	checkHeldOut(t, x)
}

// checkHeldOut holds each seeded send's corp-wide holdout comparison to
// its recipients: those planned treated, those held out the control.
func checkHeldOut(t *testing.T, x *expect) {
	sends := storedUplifts(t, x, app.UpliftMassSend, 0)
	require.NotEmpty(t, sends, "提升效果: the seeded mass sends have a holdout")
	for _, r := range sends {
		var treated, control int64
		require.NoError(t, x.sql.QueryRow(`SELECT COALESCE(SUM(excluded = ''), 0), COALESCE(SUM(excluded = 'holdout'), 0)
			FROM mass_send_recipients WHERE corp_id = ? AND send_id = ?`, x.corp, r.subject).Scan(&treated, &control))
		assert.Equal(t, []int64{treated, control}, []int64{r.treated, r.control}, "提升效果: send %d's groups", r.subject)
	}
}

// checkUpliftTable holds each row of a 提升效果 table against the stored
// results, in order: the guide comparison's period, spend uplift with
// its interval, group sizes, strata and mean annual spends; a holdout
// comparison's subject, period, conversion and revenue differences with
// their intervals, and group sizes.
func checkUpliftTable(t *testing.T, x *expect, tb dashboard.Table, rs []stored, zone *time.Location) {
	t.Helper()
	require.Len(t, tb.Rows, len(rs), "%s: a row a result", tb.Title)
	for i, r := range rs {
		row := tb.Rows[i]
		last := r.to.In(zone)
		if r.kind == app.UpliftGuide {
			last = last.AddDate(0, 0, -1) // the months [from, to), to the day before to
		}
		span := r.from.In(zone).Format(time.DateOnly) + " 至 " + last.Format(time.DateOnly)
		if r.kind == app.UpliftGuide {
			assert.Equal(t, []string{span, relative(r.spend)}, row.Labels, "%s (store %d)", tb.Title, r.store)
			assert.Equal(t, counts(r.treated, r.control, r.strata, r.treatedMean, r.controlMean), row.Cells, "%s (store %d)", tb.Title, r.store)
			continue
		}
		assert.Equal(t, []string{subject(x, r), span, points(r.conversion), yuan(r.revenue)}, row.Labels, "%s %d", tb.Title, r.subject)
		assert.Equal(t, counts(r.treated, r.control), row.Cells, "%s %d", tb.Title, r.subject)
	}
}

func counts(n ...int64) []dashboard.Cell {
	out := make([]dashboard.Cell, len(n))
	for i, v := range n {
		out[i] = dashboard.Of(float64(v))
	}
	return out
}

// subject names a holdout result's mass send or journey, as its own table
// has it.
func subject(x *expect, r stored) string {
	table, gone := "mass_sends", "已删除的群发"
	if r.kind == app.UpliftJourney {
		table, gone = "journeys", "已删除的旅程"
	}
	name := gone
	x.scan("SELECT name FROM "+table+" WHERE corp_id = ? AND id = ?", []any{x.corp, r.subject}, 1, func(k []string, _ []int64) { name = k[0] })
	return name
}

// noEstimate is what an estimate the data could not give (stored NULL)
// shows.
const noEstimate = "数据不足，无法估计"

// relative is a relative estimate as shown: "+30.0% (95% CI 12.1%–47.9%)".
func relative(e [3]sql.NullFloat64) string {
	if !e[0].Valid {
		return noEstimate
	}
	return fmt.Sprintf("%+.1f%% (95%% CI %.1f%%–%.1f%%)", 100*e[0].Float64, 100*e[1].Float64, 100*e[2].Float64)
}

// points is a difference of shares in percentage points, as shown.
func points(e [3]sql.NullFloat64) string {
	if !e[0].Valid {
		return noEstimate
	}
	return fmt.Sprintf("%+.1f 个百分点 (95%% CI %.1f–%.1f)", 100*e[0].Float64, 100*e[1].Float64, 100*e[2].Float64)
}

// yuan is a difference of cents in yuan, as shown.
func yuan(e [3]sql.NullFloat64) string {
	if !e[0].Valid {
		return noEstimate
	}
	return fmt.Sprintf("%+.2f 元 (95%% CI %.2f–%.2f)", e[0].Float64/100, e[1].Float64/100, e[2].Float64/100)
}
