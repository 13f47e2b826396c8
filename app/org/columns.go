package org

import (
	"slices"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// column is one field an import reads, known by any of its header names
// (English or Chinese, compared without case, spaces or a note in
// brackets such as "门店编码（必填）").
type column struct {
	field    string
	names    []string
	required bool
}

var storeColumns = []column{
	{"code", []string{"code", "store_code", "门店编码", "门店编号", "门店代码"}, true},
	{"name", []string{"name", "store_name", "门店名称", "名称"}, true},
	{"kind", []string{"kind", "type", "类型", "门店类型"}, false},
	{"brand", []string{"brand", "品牌"}, false},
	{"region", []string{"region", "区域", "大区"}, false},
	{"city", []string{"city", "城市"}, false},
	{"address", []string{"address", "地址", "门店地址"}, false},
	{"latitude", []string{"latitude", "lat", "纬度"}, false},
	{"longitude", []string{"longitude", "lng", "lon", "经度"}, false},
	{"opening_hours", []string{"opening_hours", "hours", "营业时间"}, false},
	{"status", []string{"status", "状态", "门店状态"}, false},
}

var guideColumns = []column{
	{"userid", []string{"userid", "user_id", "成员账号", "账号", "企业微信账号", "企微账号", "员工账号"}, true},
	{"name", []string{"name", "姓名", "导购姓名", "名字"}, false},
	{"store_code", []string{"store_code", "store", "门店编码", "门店编号", "门店代码"}, true},
	{"role", []string{"role", "角色", "岗位"}, false},
	{"status", []string{"status", "状态", "在职状态"}, false},
}

// header maps the fields of cols to their positions in the header row and
// remembers each one's header text for the report.
type header struct {
	index map[string]int    // field → column position
	label map[string]string // field → header as written
}

// parseHeader reads the first row. Unknown columns (notes, remarks) are
// ignored; a missing required column or a field given twice refuses the
// file, since no row of it could be read right.
func parseHeader(row []string, cols []column) (*header, error) {
	h := &header{index: map[string]int{}, label: map[string]string{}}
	for i, cell := range row {
		key := headerKey(cell)
		for _, c := range cols {
			if !slices.Contains(c.names, key) {
				continue
			}
			if _, dup := h.index[c.field]; dup {
				return nil, app.Errorf(app.EINVALID, "表头第 %d 列“%s”与第 %d 列重复", i+1, strings.TrimSpace(cell), h.index[c.field]+1)
			}
			h.index[c.field], h.label[c.field] = i, strings.TrimSpace(cell)
		}
	}
	var missing []string
	for _, c := range cols {
		if _, ok := h.index[c.field]; c.required && !ok {
			missing = append(missing, c.title()+"（"+c.field+"）")
		}
	}
	if len(missing) > 0 {
		return nil, app.Errorf(app.EINVALID, "表头缺少必填列：%s", strings.Join(missing, "、"))
	}
	return h, nil
}

// title is the column's first Chinese name, for messages.
func (c column) title() string {
	for _, n := range c.names {
		if n[0] >= 0x80 {
			return n
		}
	}
	return c.field
}

func headerKey(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "\ufeff")
	for _, open := range []string{"（", "("} {
		if i := strings.Index(s, open); i > 0 {
			s = s[:i]
		}
	}
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
}

// cell returns the trimmed value of field in row, "" when absent.
func (h *header) cell(row []string, field string) string {
	i, ok := h.index[field]
	if !ok || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

// has reports whether the file has a column for field.
func (h *header) has(field string) bool { _, ok := h.index[field]; return ok }

// column names the header of field for a report; a field the file has no
// column for names the whole row.
func (h *header) column(field string) string { return h.label[field] }
