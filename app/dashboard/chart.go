package dashboard

import "slices"

// Chart is what a page draws with ECharts: categories along X and the
// series over them (bars and lines), or a funnel or pie of X's shares
// (one series). Money is in yuan and rates in percent here, as drawn.
type Chart struct {
	Kind   string   `json:"kind"` // "axis", "funnel" or "pie"
	Title  string   `json:"-"`
	X      []string `json:"x"`
	Axes   []string `json:"axes,omitempty"` // the value axes' units, left then right
	Series []Series `json:"series"`
}

// Series is one named line, bar set or funnel of a chart.
type Series struct {
	Name  string    `json:"name"`
	Type  string    `json:"type"` // "bar" or "line" (axis charts)
	Axis  int       `json:"axis"` // 0: the left axis, 1: the right
	Stack string    `json:"stack,omitempty"`
	Data  []float64 `json:"data"`
}

// Empty reports whether c has nothing to draw.
func (c Chart) Empty() bool {
	for _, s := range c.Series {
		for _, v := range s.Data {
			if v != 0 {
				return false
			}
		}
	}
	return true
}

// drawn is a cell as a chart plots it: yuan for money, percent for a
// rate, 0 for no value.
func drawn(c Cell, k Kind) float64 {
	switch {
	case !c.OK:
		return 0
	case k == Money:
		return c.V / 100
	case k == Rate:
		return c.V * 100
	}
	return c.V
}

// unit is the axis unit of a kind.
func unit(k Kind) string {
	switch k {
	case Money:
		return "元"
	case Rate:
		return "%"
	case Minutes:
		return "分钟"
	}
	return ""
}

// barsOf draws the rows of t: one series per column of cols (keys of
// t's columns), labelled by each row's first label.
func barsOf(t Table, title string, cols ...string) Chart {
	ch := Chart{Kind: "axis", Title: title, X: []string{}}
	for _, r := range t.Rows {
		ch.X = append(ch.X, first(r.Labels))
	}
	for _, key := range cols {
		i := slices.IndexFunc(t.Columns, func(c Column) bool { return c.Key == key })
		c := t.Columns[i]
		s, u := Series{Name: c.Label, Type: "bar", Data: make([]float64, len(t.Rows))}, unit(c.Kind)
		if len(ch.Axes) == 0 {
			ch.Axes = []string{u}
		}
		if u != ch.Axes[0] { // a second unit: a line on the right axis
			if len(ch.Axes) == 1 {
				ch.Axes = append(ch.Axes, u)
			}
			s.Axis, s.Type = 1, "line"
		}
		for j, r := range t.Rows {
			s.Data[j] = drawn(r.Cells[i], c.Kind)
		}
		ch.Series = append(ch.Series, s)
	}
	return ch
}
