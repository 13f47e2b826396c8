package order

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/sheet"
)

// orderFields are the columns that describe the order rather than a line:
// every row of an order repeats them (or leaves them blank).
var orderFields = []string{"source", "kind", "order_no", "refund_of", "store_code", "guide_code", "member_no", "unionid", "openid",
	"phone", "amount", "paid_at"}

// itemColumns maps a line's fields, as the check names them, to the
// file's columns.
var itemColumns = map[string]string{"sku": "sku", "name": "item_name", "quantity": "quantity", "unit_price_cents": "unit_price"}

// group is the rows of one order in a file, read into an input, with
// what its cells said wrong.
type group struct {
	rows    []sheet.Row
	itemRow []int // the row of each line of input.Items
	input   app.OrderInput
	errs    []app.ImportError
	parsed  map[cell]bool // cells refused while reading: the check's reasons for them are not repeated
}

// cell is a row's column.
type cell struct {
	row   int
	field string
}

// groupRows reads the rows of t into orders, in the order each first
// appears: the rows with the same source, kind and order number (each
// row names them; a blank kind is a sale). loc is the corp's zone for
// times written without one.
func groupRows(t *sheet.Table, loc *time.Location) []*group {
	byKey := map[string]*group{}
	var out []*group
	for _, r := range t.Rows {
		k := word(t.Cell(r, "source"), sourceWords) + "\x00" + kindOf(t.Cell(r, "kind")) + "\x00" + t.Cell(r, "order_no")
		if t.Cell(r, "order_no") == "" {
			k = "row " + strconv.Itoa(r.N) // no number: an order of its own, refused by the check
		}
		g := byKey[k]
		if g == nil {
			g = &group{parsed: map[cell]bool{}}
			g.read(t, r, loc)
			byKey[k] = g
			out = append(out, g)
		} else {
			g.consistent(t, r, loc)
		}
		g.rows = append(g.rows, r)
		g.addItem(t, r)
	}
	return out
}

// read reads the order's own columns from its first row r.
func (g *group) read(t *sheet.Table, r sheet.Row, loc *time.Location) {
	var f app.Fields
	c := func(field string) string { return t.Cell(r, field) }
	g.input = app.OrderInput{Source: word(c("source"), sourceWords), Kind: word(c("kind"), kindWords), OrderNo: c("order_no"),
		RefundOf: c("refund_of"), StoreCode: c("store_code"), GuideCode: c("guide_code"), MemberNo: c("member_no"),
		UnionID: c("unionid"), OpenID: c("openid"), Phone: c("phone"), AmountCents: cellCents(&f, "amount", "金额", c("amount")),
		PaidAt: cellTime(&f, c("paid_at"), loc)}
	g.fileErrors(t.Header, r.N, f)
}

// consistent refuses the cells of a later row r that say something else
// of the order than its first row; blank cells are fine.
func (g *group) consistent(t *sheet.Table, r sheet.Row, loc *time.Location) {
	first := g.rows[0]
	for _, field := range orderFields {
		v, was := t.Cell(r, field), t.Cell(first, field)
		if v == "" || same(field, v, was, loc) {
			continue
		}
		g.errs = append(g.errs, app.ImportError{Row: r.N, Column: t.Header.Label(field),
			Reason: fmt.Sprintf("与第 %d 行不一致：同一订单各行的“%s”应相同", first.N, t.Header.Label(field))})
	}
}

// same reports whether two cells of field say the same: amounts and
// times by value (128.5 and 128.50 are one amount).
func same(field, a, b string, loc *time.Location) bool {
	var f app.Fields
	switch field {
	case "amount":
		x, y := cellCents(&f, "", "", a), cellCents(&f, "", "", b)
		return x != nil && y != nil && *x == *y
	case "paid_at":
		return cellTime(&f, a, loc) == cellTime(&f, b, loc) && len(f) == 0
	case "source":
		return word(a, sourceWords) == word(b, sourceWords)
	case "kind":
		return kindOf(a) == kindOf(b)
	}
	return a == b
}

// kindOf is the kind a cell names; blank is a sale, as in the API.
func kindOf(v string) string {
	if v == "" {
		return app.OrderSale
	}
	return word(v, kindWords)
}

// addItem reads the line of row r, if it has one.
func (g *group) addItem(t *sheet.Table, r sheet.Row) {
	c := func(field string) string { return t.Cell(r, field) }
	if c("sku") == "" && c("item_name") == "" && c("quantity") == "" && c("unit_price") == "" {
		return
	}
	var f app.Fields
	g.input.Items = append(g.input.Items, app.OrderItemInput{SKU: c("sku"), Name: c("item_name"), Quantity: cellQuantity(&f, c("quantity")),
		UnitPriceCents: cellCents(&f, "unit_price", "单价", c("unit_price"))})
	g.itemRow = append(g.itemRow, r.N)
	g.fileErrors(t.Header, r.N, f)
}

// fileErrors keeps the cells of row n refused while reading.
func (g *group) fileErrors(h *sheet.Header, n int, f app.Fields) {
	for _, e := range f {
		g.parsed[cell{n, e.Field}] = true
		g.errs = append(g.errs, app.ImportError{Row: n, Column: h.Label(e.Field), Reason: e.Reason})
	}
}

// locate finds the row and column of a field as the check names it:
// a line's on that line's row, the order's on its first row.
func (g *group) locate(field string) cell {
	if rest, ok := strings.CutPrefix(field, "items["); ok {
		idx, sub, _ := strings.Cut(rest, "].")
		if k, err := strconv.Atoi(idx); err == nil && k < len(g.itemRow) {
			return cell{g.itemRow[k], itemColumns[sub]}
		}
	}
	if field == "amount_cents" {
		field = "amount"
	}
	return cell{g.rows[0].N, field}
}

// refuse reports every row of the refused order: the reasons the file
// and the check gave, on their rows and columns, and for each row without
// a reason of its own that its order was refused.
func (g *group) refuse(h *sheet.Header, checked app.Fields, rep *app.ImportReport) {
	lines := append([]app.ImportError{}, g.errs...)
	for _, fe := range checked {
		at := g.locate(fe.Field)
		if g.parsed[at] {
			continue
		}
		lines = append(lines, app.ImportError{Row: at.row, Column: h.Label(at.field), Reason: fe.Reason})
	}
	told := map[int]bool{}
	for _, l := range lines {
		told[l.Row] = true
	}
	for _, r := range g.rows {
		if !told[r.N] {
			lines = append(lines, app.ImportError{Row: r.N, Reason: "同一订单的其他行有误，整单未导入"})
		}
	}
	rep.Rejected += len(g.rows)
	rep.Errors = append(rep.Errors, lines...)
}
