package dashboard

import (
	"cmp"
	"slices"

	"github.com/siyu-scrm/siyu/app"
)

// Kind is what a figure measures, so a page knows how to show it.
type Kind int

// Kinds of figures.
const (
	Count   Kind = iota // a whole number
	Money               // cents
	Rate                // a fraction (0.25 = 25%)
	Minutes             // minutes, with decimals
	Ratio               // a plain ratio (a K-factor)
)

// Cell is one figure of a table; OK is false where it has no value (a
// rate of nothing: no welcomes attempted has no success rate).
type Cell struct {
	V  float64
	OK bool
}

// Of is a cell holding v.
func Of(v float64) Cell { return Cell{V: v, OK: true} }

// Share is num/den as a cell, empty when den is 0.
func Share(num, den int64) Cell {
	if den == 0 {
		return Cell{}
	}
	return Of(float64(num) / float64(den))
}

// Column is a figure column of a table: its key (the sort and the
// export name it), heading, kind, and how a row's figures give it.
type Column struct {
	Key, Label string
	Kind       Kind
	value      func(f app.Figures) Cell
}

// Row is one line of a table: its key, its text cells (a name, a store)
// and its figures, one per column.
type Row struct {
	Key    string
	Labels []string
	Cells  []Cell
}

// Table is what a page lists and exports: headings of the text cells,
// the figure columns, the rows of the page asked (Count of them in all),
// the total over every row, and the order.
type Table struct {
	Key     string // what the export is called by (?table=)
	Title   string
	Heads   []string
	Columns []Column
	Rows    []Row
	Total   *Row
	Count   int
	Sort    string // the column key rows are ordered by ("": as listed)
	Desc    bool
}

// rowOf is a row of cols from f.
func rowOf(key string, labels []string, f app.Figures, cols []Column) Row {
	r := Row{Key: key, Labels: labels, Cells: make([]Cell, len(cols))}
	for i, c := range cols {
		r.Cells[i] = c.value(f)
	}
	return r
}

// Order is how a ranked table is sorted and paged: by the column Sort,
// descending or not, Size rows a page (0: every row).
type Order struct {
	Sort string
	Desc bool
	Page int
	Size int
}

// sortRows orders rows by column i (rows without a value last, whatever
// the direction), ties by their first label; stable.
func sortRows(rows []Row, i int, desc bool) {
	slices.SortStableFunc(rows, func(a, b Row) int {
		x, y := a.Cells[i], b.Cells[i]
		if x.OK != y.OK {
			if x.OK {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(x.V, y.V); c != 0 {
			if desc {
				return -c
			}
			return c
		}
		return cmp.Compare(first(a.Labels), first(b.Labels))
	})
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// rank sorts t's rows by o (a column of t; refused on the field "sort"
// otherwise) and keeps the page asked.
func (t *Table) rank(o Order) error {
	i := slices.IndexFunc(t.Columns, func(c Column) bool { return c.Key == o.Sort })
	if i < 0 {
		return app.FieldInvalid("sort", "不能按该列排序")
	}
	t.Sort, t.Desc, t.Count = o.Sort, o.Desc, len(t.Rows)
	sortRows(t.Rows, i, o.Desc)
	if o.Size > 0 {
		page := max(o.Page, 1)
		lo := min((page-1)*o.Size, len(t.Rows))
		t.Rows = t.Rows[lo:min(lo+o.Size, len(t.Rows))]
	}
	return nil
}

// label is the heading of t's column key.
func (t *Table) label(key string) string {
	for _, c := range t.Columns {
		if c.Key == key {
			return c.Label
		}
	}
	return ""
}

// More reports whether rows follow the page of t that o asked.
func (t *Table) More(o Order) bool {
	return o.Size > 0 && max(o.Page, 1)*o.Size < t.Count
}
