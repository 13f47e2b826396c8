package seed_test

import (
	"context"
	"database/sql"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
)

// rowKey names one aggregate row of a day.
type rowKey struct {
	day, dim, key string
	store         int64
}

// expect computes the daily aggregates straight from the ledgers, one
// SQL query per figure and day written here from the definitions
// (STATS_SPEC), independent of app/stats: counts come grouped by guide,
// store and channel and are added into the rows of each dimension.
type expect struct {
	t       testing.TB
	sql     *sql.DB
	corp    int64
	now     time.Time
	guides  map[string]int64 // guide → store of its binding
	brands  map[int64]int64  // store → brand
	rows    map[rowKey]*app.Figures
	credits map[creditKey]*app.DailyCredit
	to      string // the last day (whose customers a period keeps)
	// behavior is whether WeCom's chat figures are there (behavior_days,
	// migration 00035).
	behavior bool
}

// creditKey names one row of daily_credits.
type creditKey struct {
	day, team    string
	rules, store int64
}

func newExpect(t testing.TB, d *db.DB, corp int64, now time.Time) *expect {
	x := &expect{t: t, sql: d.SQL(), corp: corp, now: now, guides: map[string]int64{}, brands: map[int64]int64{},
		rows: map[rowKey]*app.Figures{}, credits: map[creditKey]*app.DailyCredit{}}
	x.scan("SELECT userid, store_id FROM guides WHERE corp_id = ?", []any{corp}, 1, func(s []string, n []int64) { x.guides[s[0]] = n[0] })
	x.scan("SELECT id, brand_id FROM stores WHERE corp_id = ? AND brand_id IS NOT NULL", []any{corp}, 0,
		func(_ []string, n []int64) { x.brands[n[0]] = n[1] })
	return x
}

// scan runs q and hands each row's first texts columns as text and the
// others as numbers (NULL: "" and 0).
func (x *expect) scan(q string, args []any, texts int, fn func(s []string, n []int64)) {
	rows, err := x.sql.QueryContext(context.Background(), q, args...)
	require.NoError(x.t, err, q)
	defer rows.Close()
	cols, err := rows.Columns()
	require.NoError(x.t, err)
	ints := len(cols) - texts
	for rows.Next() {
		s, n := make([]sql.NullString, texts), make([]sql.NullInt64, ints)
		dest := make([]any, 0, len(cols))
		for i := range s {
			dest = append(dest, &s[i])
		}
		for i := range n {
			dest = append(dest, &n[i])
		}
		require.NoError(x.t, rows.Scan(dest...), q)
		ss, nn := make([]string, texts), make([]int64, ints)
		for i := range s {
			ss[i] = s[i].String
		}
		for i := range n {
			nn[i] = n[i].Int64
		}
		fn(ss, nn)
	}
	require.NoError(x.t, rows.Err())
}

// at is a day's row of dim and key, created on first use.
func (x *expect) at(day, dim, key string, store int64) *app.Figures {
	k := rowKey{day, dim, key, store}
	if x.rows[k] == nil {
		x.rows[k] = &app.Figures{}
	}
	return x.rows[k]
}

// Which rows a fact goes to.
const (
	toGuide = 1 << iota
	toStore
	toChannel
	toCorp
	toAll = toGuide | toStore | toChannel | toCorp
)

// fact adds a fact of a guide (userid), store and channel to the rows of
// the dimensions in dims: the guide's row (under its binding's store),
// the store's and its brand's, the channel's (split by store) and the
// corp's.
func (x *expect) fact(day, userid string, store, channel int64, dims int, add func(f *app.Figures)) {
	if dims&toGuide != 0 && userid != "" {
		add(x.at(day, app.StatGuide, userid, x.guides[userid]))
	}
	if dims&toStore != 0 && store != 0 {
		add(x.at(day, app.StatStore, id(store), store))
		if b := x.brands[store]; b != 0 {
			add(x.at(day, app.StatBrand, id(b), 0))
		}
	}
	if dims&toChannel != 0 && channel != 0 {
		add(x.at(day, app.StatChannel, id(channel), store))
	}
	if dims&toCorp != 0 {
		add(x.at(day, app.StatCorp, "", 0))
	}
}

func id(n int64) string { return strconv.FormatInt(n, 10) }
