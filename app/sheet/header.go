package sheet

import (
	"slices"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// Column is one field an import reads, known by any of its header Names
// (English or Chinese, compared without case, spaces or a note in
// brackets such as "门店编码（必填）"). A file without a Required column
// is refused as a whole.
type Column struct {
	Field    string
	Names    []string
	Required bool
}

// Title is the column's first Chinese name, for messages.
func (c Column) Title() string {
	for _, n := range c.Names {
		if n[0] >= 0x80 {
			return n
		}
	}
	return c.Field
}

// Header maps the fields of a column list to their positions in a file's
// header row and remembers each one's header text for the report.
type Header struct {
	index map[string]int    // field → column position
	label map[string]string // field → header as written
}

// ParseHeader reads the first row. Unknown columns (notes, remarks) are
// ignored; a missing required column or a field given twice refuses the
// file, since no row of it could be read right.
func ParseHeader(row []string, cols []Column) (*Header, error) {
	h := &Header{index: map[string]int{}, label: map[string]string{}}
	for i, cell := range row {
		key := headerKey(cell)
		for _, c := range cols {
			if !slices.Contains(c.Names, key) {
				continue
			}
			if _, dup := h.index[c.Field]; dup {
				return nil, app.Errorf(app.EINVALID, "表头第 %d 列“%s”与第 %d 列重复", i+1, strings.TrimSpace(cell), h.index[c.Field]+1)
			}
			h.index[c.Field], h.label[c.Field] = i, strings.TrimSpace(cell)
		}
	}
	var missing []string
	for _, c := range cols {
		if _, ok := h.index[c.Field]; c.Required && !ok {
			missing = append(missing, c.Title()+"（"+c.Field+"）")
		}
	}
	if len(missing) > 0 {
		return nil, app.Errorf(app.EINVALID, "表头缺少必填列：%s", strings.Join(missing, "、"))
	}
	return h, nil
}

// headerKey is a header cell as Column.Names spell it: no BOM, no note in
// brackets, no spaces, lower case.
func headerKey(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "\ufeff")
	for _, open := range []string{"（", "("} {
		if i := strings.Index(s, open); i > 0 {
			s = s[:i]
		}
	}
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
}

// Cell returns the trimmed value of field in row, "" when absent.
func (h *Header) Cell(row []string, field string) string {
	i, ok := h.index[field]
	if !ok || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

// Has reports whether the file has a column for field.
func (h *Header) Has(field string) bool { _, ok := h.index[field]; return ok }

// Label names the header of field for a report; a field the file has no
// column for names the whole row ("").
func (h *Header) Label(field string) string { return h.label[field] }
