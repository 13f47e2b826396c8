package dashboard

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
)

func TestParsePeriod(t *testing.T) {
	for _, c := range []struct {
		name, preset, from, to string
		want                   Period
		field                  string
	}{
		{"Default", "", "", "", Period{From: "2024-02-01", To: "2024-03-01", Days: 30, Preset: "30"}, ""},
		{"Week", "7", "", "", Period{From: "2024-02-24", To: "2024-03-01", Days: 7, Preset: "7"}, ""},
		{"Custom", "7", "2024-01-30", "2024-02-02", Period{From: "2024-01-30", To: "2024-02-02", Days: 4, Preset: "custom"}, ""},
		{"OneDay", "", "2024-02-02", "2024-02-02", Period{From: "2024-02-02", To: "2024-02-02", Days: 1, Preset: "custom"}, ""},
		{"ErrBackwards", "", "2024-02-02", "2024-02-01", Period{}, "to"},
		{"ErrTooLong", "", "2022-01-01", "2024-02-01", Period{}, "to"},
		{"ErrFrom", "", "昨天", "2024-02-01", Period{}, "from"},
		{"ErrPreset", "365", "", "", Period{}, "period"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParsePeriod(c.preset, c.from, c.to, "2024-03-01")
			if c.field != "" {
				require.Len(t, app.ErrorFields(err), 1)
				assert.Equal(t, c.field, app.ErrorFields(err)[0].Field)
				assert.Equal(t, "30", got.Preset, "the default period comes back")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
			assert.Len(t, got.Dates(), got.Days)
			assert.Equal(t, got.From, got.Dates()[0])
			assert.Equal(t, got.To, got.Dates()[got.Days-1])
		})
	}
	p, _ := ParsePeriod("7", "", "", "2024-03-01")
	assert.Equal(t, Period{From: "2024-02-17", To: "2024-02-23", Days: 7, Preset: "7"}, p.Previous(), "the 7 days just before")
}

func TestChange(t *testing.T) {
	for _, c := range []struct {
		name      string
		now, prev Cell
		kind      Kind
		want      Cell
	}{
		{"Rise", Of(120), Of(100), Count, Of(0.2)},
		{"Fall", Of(50), Of(100), Money, Of(-0.5)},
		{"FromLoss", Of(10), Of(-20), Count, Of(1.5)},
		{"NothingBefore", Of(10), Of(0), Count, Cell{}},
		{"RatePoints", Of(0.75), Of(0.5), Rate, Of(0.25)},
		{"NoRate", Of(0.8), Cell{}, Rate, Cell{}},
	} {
		t.Run(c.name, func(t *testing.T) { assert.Equal(t, c.want, change(c.now, c.prev, c.kind)) })
	}
}

// A ranked table sorts on the column asked, rows without a value last
// either way, ties by name, and keeps the page asked.
func TestRank(t *testing.T) {
	var rows []Row
	for i, v := range []int64{3, 9, 0, 9, 5} {
		f := app.Figures{Welcomes: v, WelcomesSent: v / 2, Adds: v}
		rows = append(rows, rowOf(fmt.Sprint(i), []string{fmt.Sprintf("导购%d", i)}, f, GuideColumns))
	}
	names := func(t Table) (out []string) {
		for _, r := range t.Rows {
			out = append(out, r.Labels[0])
		}
		return out
	}
	tb := Table{Columns: GuideColumns, Rows: append([]Row{}, rows...)}
	require.NoError(t, tb.rank(Order{Sort: "welcome_rate", Desc: true}))
	assert.Equal(t, []string{"导购1", "导购3", "导购4", "导购0", "导购2"}, names(tb), "4/9 twice (ties by name), 2/5, 1/3; no welcomes last")
	tb = Table{Columns: GuideColumns, Rows: append([]Row{}, rows...)}
	require.NoError(t, tb.rank(Order{Sort: "welcome_rate"}))
	assert.Equal(t, []string{"导购0", "导购4", "导购1", "导购3", "导购2"}, names(tb), "ascending, no value still last")
	tb = Table{Columns: GuideColumns, Rows: append([]Row{}, rows...)}
	require.NoError(t, tb.rank(Order{Sort: "adds", Desc: true, Page: 2, Size: 2}))
	assert.Equal(t, []string{"导购4", "导购0"}, names(tb))
	assert.Equal(t, 5, tb.Count)
	assert.True(t, tb.More(Order{Page: 2, Size: 2}))
	assert.False(t, tb.More(Order{Page: 3, Size: 2}))
	assert.Equal(t, "sort", app.ErrorFields(tb.rank(Order{Sort: "name"}))[0].Field)
}

// An estimate the data could not give says so, rather than showing a
// measured 0 with an interval of nothing.
func TestEstimateTexts(t *testing.T) {
	for _, c := range []struct {
		name string
		text func(app.Estimate) string
		e    app.Estimate
		want string
	}{
		{"Relative", RelativeText, app.Estimate{Value: 0.3, Low: 0.12, High: 0.48, Valid: true}, "+30.0% (95% CI 12.0%–48.0%)"},
		{"Points", PointsText, app.Estimate{Value: 0.021, Low: -0.005, High: 0.047, Valid: true}, "+2.1 个百分点 (95% CI -0.5–4.7)"},
		{"Money", MoneyText, app.Estimate{Value: 1230, Low: -100, High: 2500, Valid: true}, "+12.30 元 (95% CI -1.00–25.00)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, c.text(c.e))
			assert.Equal(t, "数据不足，无法估计", c.text(app.Estimate{}))
		})
	}
}
