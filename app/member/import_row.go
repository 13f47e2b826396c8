package member

import (
	"strconv"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/sheet"
)

// readRow reads one row into an Input, refusing the cells whose format
// Input cannot carry (points that are not a number, a yes/no that is
// neither); what the cells mean is check's to judge.
func readRow(h *sheet.Header, row []string) (Input, app.Fields) {
	var bad app.Fields
	cell := func(field string) string { return h.Cell(row, field) }
	in := Input{MemberNo: cell("member_no"), Name: cell("name"), Phone: cell("phone"), UnionID: cell("unionid"),
		OpenIDs: splitList(cell("openids")), Gender: cell("gender"), Birthday: sheetDate(cell("birthday")), Tier: cell("tier"),
		RegStoreCode: cell("reg_store_code"), RegChannel: cell("reg_channel"), HomeStoreCode: cell("home_store_code"), Brand: cell("brand")}
	if v := cell("phone_verified"); v != "" {
		yes, ok := yesNo[strings.ToLower(v)]
		bad.Check(!ok, "phone_verified", "手机已验证应为 是 或 否")
		in.PhoneVerified = yes
	}
	if v := cell("points"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		bad.Check(err != nil, "points", "积分应为整数")
		if err == nil {
			in.Points = &n
		}
	}
	if tags := splitList(cell("tags")); len(tags) > 0 {
		in.Tags = &tags
	}
	return in, bad
}

// yesNo reads the ways a spreadsheet says yes or no.
var yesNo = map[string]bool{"是": true, "已验证": true, "y": true, "yes": true, "true": true, "1": true,
	"否": false, "未验证": false, "n": false, "no": false, "false": false, "0": false}

// splitList reads a cell holding several values, separated by 、 or a
// comma (either width); "" holds none.
func splitList(v string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(v, func(r rune) bool { return r == '、' || r == ',' || r == '，' }) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// excelEpoch is day 0 of Excel's date serials (its 1900 leap-year bug
// included), which a date cell holds raw.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// sheetDate writes a date cell as YYYY-MM-DD: an Excel date serial (with
// or without a time of day), or a date written 1990/5/1 or 19900501. Anything else is kept as written,
// for check to refuse by name.
func sheetDate(v string) string {
	// Five digits are the days from 1927 to 2173; a date and time cell has
	// the time as its fraction.
	day, frac, _ := strings.Cut(v, ".")
	if n, err := strconv.Atoi(day); err == nil && len(day) == 5 && strings.Trim(frac, "0123456789") == "" {
		return excelEpoch.AddDate(0, 0, n).Format(time.DateOnly)
	}
	for _, layout := range []string{"2006/1/2", "20060102", "2006-1-2"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	return v
}
