package api

import (
	"fmt"
	"math"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/dashboard"
)

// dashTable is a dashboard table as shown: headings (a sortable one links
// to its order), rows of formatted cells, the total, the export links.
type dashTable struct {
	Key, Title string
	Heads      []sortHead
	Nums       []bool // per column: a figure, aligned right
	Rows       [][]string
	Total      []string
	Count      int
	Export     string
	Pager      *pager
	Empty      string
}

// dashKPI is a headline figure as shown: now, before, and the change,
// marked good or bad news.
type dashKPI struct {
	Key, Label, Value, Prev, Change, Class string
}

// table adds t to the page (and to what it exports); sortable tables
// link their headings, empty says what an empty one means.
func (r *dashReq) table(c *gin.Context, t dashboard.Table, sortable bool, empty string) *dashTable {
	r.tables = append(r.tables, t)
	q := c.Request.URL.Query()
	q.Del("page")
	q.Set("table", t.Key)
	v := dashTable{Key: t.Key, Title: t.Title, Count: t.Count, Empty: empty,
		Export: c.Request.URL.Path + "/export?" + q.Encode()}
	for _, h := range t.Heads {
		v.Heads, v.Nums = append(v.Heads, sortHead{Label: h}), append(v.Nums, false)
	}
	for _, col := range t.Columns {
		h := sortHead{Key: col.Key, Label: col.Label}
		if sortable {
			h = dashSortHead(c, col, t)
		}
		v.Heads, v.Nums = append(v.Heads, h), append(v.Nums, true)
	}
	for _, row := range t.Rows {
		v.Rows = append(v.Rows, shownRow(t, row))
	}
	if t.Total != nil && len(t.Rows) > 0 {
		v.Total = shownRow(t, *t.Total)
	}
	r.view.Tables = append(r.view.Tables, v)
	return &r.view.Tables[len(r.view.Tables)-1]
}

// dashSortHead links col's heading: sorted by it, most first, or the
// other way round when it already is.
func dashSortHead(c *gin.Context, col dashboard.Column, t dashboard.Table) sortHead {
	h := sortHead{Key: col.Key, Label: col.Label}
	q := c.Request.URL.Query()
	q.Del("page")
	q.Set("sort", col.Key)
	q.Set("dir", "desc")
	if t.Sort == col.Key && t.Desc {
		h.Mark = "↓"
		q.Set("dir", "asc")
	} else if t.Sort == col.Key {
		h.Mark = "↑"
	}
	h.URL = c.Request.URL.Path + "?" + q.Encode()
	return h
}

func shownRow(t dashboard.Table, r dashboard.Row) []string {
	out := append([]string{}, r.Labels...)
	for i, cell := range r.Cells {
		out = append(out, shown(cell, t.Columns[i].Kind))
	}
	return out
}

// shown formats a figure for a page: ¥ with thousands for money, one
// decimal for percentages and minutes, "—" for no value.
func shown(c dashboard.Cell, k dashboard.Kind) string {
	if !c.OK {
		return "—"
	}
	switch k {
	case dashboard.Money:
		return app.Yuan(int64(math.Round(c.V)))
	case dashboard.Rate:
		return fmt.Sprintf("%.1f%%", 100*c.V)
	case dashboard.Minutes:
		return fmt.Sprintf("%.1f", c.V)
	case dashboard.Ratio:
		return fmt.Sprintf("%.2f", c.V)
	}
	return strconv.FormatFloat(c.V, 'f', 0, 64)
}

// plainFigure formats a figure for a spreadsheet: yuan and percent as
// plain numbers (the heading says which), "" for no value.
func plainFigure(c dashboard.Cell, k dashboard.Kind) string {
	switch {
	case !c.OK:
		return ""
	case k == dashboard.Money:
		return yuanPlain(int64(math.Round(c.V)))
	case k == dashboard.Rate:
		return strconv.FormatFloat(math.Round(1000*c.V)/10, 'f', 1, 64)
	}
	return shown(c, k)
}

// exportHeader is t's headings, each figure's unit in it.
func exportHeader(t dashboard.Table) []string {
	out := append([]string{}, t.Heads...)
	for _, c := range t.Columns {
		out = append(out, c.Label+map[dashboard.Kind]string{dashboard.Money: "（元）", dashboard.Rate: "（%）"}[c.Kind])
	}
	return out
}

// exportRows are t's rows and its total, as a spreadsheet reads them.
func exportRows(t dashboard.Table) [][]string {
	rows := t.Rows
	if t.Total != nil && len(rows) > 0 {
		rows = append(rows[:len(rows):len(rows)], *t.Total)
	}
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = append([]string{}, r.Labels...)
		for j, c := range r.Cells {
			out[i] = append(out[i], plainFigure(c, t.Columns[j].Kind))
		}
	}
	return out
}

// kpis shows the headline figures.
func (r *dashReq) kpis(ks []dashboard.KPI) {
	for _, k := range ks {
		v := dashKPI{Key: k.Key, Label: k.Label, Value: shown(k.Now, k.Kind), Prev: shown(k.Prev, k.Kind), Change: "—"}
		if k.Change.OK {
			v.Change = fmt.Sprintf("%+.1f%%", 100*k.Change.V)
			if k.Kind == dashboard.Rate {
				v.Change = fmt.Sprintf("%+.1f 个百分点", 100*k.Change.V)
			}
			if up := k.Change.V > 0; math.Round(1000*k.Change.V) != 0 { // no colour for a change that shows as 0.0
				v.Class = map[bool]string{true: "ok", false: "bad"}[up == k.Good]
			}
		}
		r.view.KPIs = append(r.view.KPIs, v)
	}
}
