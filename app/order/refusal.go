package order

import (
	"fmt"
	"sort"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// refusal says why a set of orders cannot be written: for each refused
// order (by its index in the set), the fields and reasons. Code is
// EINVALID (bad input) or ECONFLICT (a number already taken by other
// content). Nothing of a refused set is written.
type refusal struct {
	code string
	rows map[int]app.Fields
}

func newRefusal(code string) *refusal { return &refusal{code: code, rows: map[int]app.Fields{}} }

// add refuses field of order i for reason.
func (r *refusal) add(i int, field, reason string) {
	r.rows[i] = append(r.rows[i], app.FieldError{Field: field, Reason: reason})
}

// merge refuses the fields f of order i, if any.
func (r *refusal) merge(i int, f app.Fields) {
	if len(f) > 0 {
		r.rows[i] = append(r.rows[i], f...)
	}
}

// refused reports whether order i is refused.
func (r *refusal) refused(i int) bool { return len(r.rows[i]) > 0 }

// orNil is r, or nil when it refuses nothing.
func (r *refusal) orNil() *refusal {
	if len(r.rows) == 0 {
		return nil
	}
	return r
}

// Error lets a refusal end a transaction, rolling it back.
func (r *refusal) Error() string { return fmt.Sprintf("%s: %d orders refused", r.code, len(r.rows)) }

// indexes are the refused orders in order.
func (r *refusal) indexes() []int {
	out := make([]int, 0, len(r.rows))
	for i := range r.rows {
		out = append(out, i)
	}
	sort.Ints(out)
	return out
}

// maxShown bounds the reasons a batch's message repeats; its fields list
// every one.
const maxShown = 10

// batchError is the refusal as the error of a batch: each field named by
// its place in the batch (orders[3].amount_cents), and a message naming
// the orders as people count them (第 4 条).
func (r *refusal) batchError() error {
	e := &app.Error{Code: r.code}
	var msgs []string
	for _, i := range r.indexes() {
		for _, f := range r.rows[i] {
			e.Fields = append(e.Fields, app.FieldError{Field: fmt.Sprintf("orders[%d].%s", i, f.Field), Reason: f.Reason})
			msgs = append(msgs, fmt.Sprintf("第 %d 条订单：%s", i+1, f.Reason))
		}
	}
	if len(msgs) > maxShown {
		msgs = append(msgs[:maxShown], fmt.Sprintf("等共 %d 处", len(e.Fields)))
	}
	e.Message = strings.Join(msgs, "；")
	return e
}

// oneError is the refusal of a single order: its fields as sent.
func (r *refusal) oneError() error {
	e := app.Fields(r.rows[0]).Err().(*app.Error)
	e.Code = r.code
	return e
}
