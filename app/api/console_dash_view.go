package api

import (
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app/dashboard"
)

// dashView is what a dashboard page shows: its filter, the page's own
// pickers, notes, headline figures, charts and tables, or why it is
// empty.
type dashView struct {
	Path     string
	Period   dashboard.Period
	NoPeriod bool // the page's figures are not of a period (裂变, 提升效果)
	From, To string
	Presets  []presetLink
	Errors   map[string]string
	Store    string // a store manager's store
	Pickers  []dashPicker
	Keep     map[string]string // query kept when the filter is sent (the order)
	Notes    []string
	KPIs     []dashKPI
	Charts   []dashChart
	Tables   []dashTable
	Empty    string // shown instead of figures when there are none
	Method   bool   // 提升效果: how uplift is measured
	// Methods are app/uplift's own method texts, by kind.
	Methods  []dashboard.Method
	Computed string
}

// presetLink is a period a page offers by name, linking to itself with it.
type presetLink struct {
	Label, URL string
	On         bool
}

// dashPicker is a choice of the page's own (a dimension, a rule version,
// a campaign), sent with the filter.
type dashPicker struct {
	Name, Label, Value string
	Options            []consoleOption
}

// dashChart is a chart as the page embeds it: an element and its data.
type dashChart struct {
	ID, Title string
	Data      dashboard.Chart
}

// presetLabels name the periods offered.
var presetLabels = map[string]string{"7": "近 7 天", "30": "近 30 天", "90": "近 90 天"}

// presetLinks link the page to each named period, its other choices kept.
func presetLinks(c *gin.Context, p dashboard.Period) []presetLink {
	var out []presetLink
	for _, k := range dashboard.Presets {
		q := c.Request.URL.Query()
		q.Del("page")
		q.Del("from")
		q.Del("to")
		q.Set("period", k)
		out = append(out, presetLink{Label: presetLabels[k], URL: c.Request.URL.Path + "?" + q.Encode(), On: p.Preset == k})
	}
	return out
}

// chart adds a chart of the page, unless it has nothing to draw.
func (r *dashReq) chart(id string, ch dashboard.Chart) {
	if !ch.Empty() {
		r.view.Charts = append(r.view.Charts, dashChart{ID: "chart-" + id, Title: ch.Title, Data: ch})
	}
}

// order reads the table's order from the URL (def unless asked), a page
// of dashPageSize rows, or every row when all.
func (r *dashReq) order(c *gin.Context, def dashboard.Order, all bool) dashboard.Order {
	o := dashboard.Order{Sort: c.DefaultQuery("sort", def.Sort), Desc: def.Desc, Size: dashPageSize}
	if d := c.Query("dir"); d != "" {
		o.Desc = d == "desc"
	}
	o.Page, _ = pageNumber(c, dashPageSize)
	if all {
		o.Size = 0
	}
	r.view.Keep = map[string]string{"sort": o.Sort, "dir": map[bool]string{true: "desc", false: "asc"}[o.Desc]}
	return o
}

// dashPageSize is the rows of one page of a ranked table.
const dashPageSize = 20

// pickerOf is a picker of options with value chosen.
func pickerOf(name, label, value string, options ...consoleOption) dashPicker {
	return dashPicker{Name: name, Label: label, Value: value, Options: options}
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
