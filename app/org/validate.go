package org

import (
	"maps"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

var (
	// Store codes travel through spreadsheets, URLs and channel states, so
	// they stay plain ASCII.
	storeCode = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$`)
	// WeCom's rule for a member's userid: 1–64 letters, digits, _ - . @.
	wecomUserID = regexp.MustCompile(`^[A-Za-z0-9_.@-]{1,64}$`)
)

// Micro-degree bounds of latitude and longitude.
const (
	maxLatitude  = 90_000_000
	maxLongitude = 180_000_000
)

// name trims s and checks it is present and at most max characters.
func name(f *app.Fields, field, label string, s *string, max int) {
	*s = strings.TrimSpace(*s)
	switch {
	case *s == "":
		f.Add(field, label+"不能为空")
	case utf8.RuneCountInString(*s) > max:
		f.Add(field, label+"不能超过"+strconv.Itoa(max)+"个字符")
	}
}

// optional trims s and checks it is at most max characters.
func optional(f *app.Fields, field, label string, s *string, max int) {
	*s = strings.TrimSpace(*s)
	f.Check(utf8.RuneCountInString(*s) > max, field, label+"不能超过"+strconv.Itoa(max)+"个字符")
}

// oneOf sets an empty *s to def and checks it is one of allowed.
func oneOf(f *app.Fields, field, label string, s *string, def string, allowed ...string) {
	*s = strings.TrimSpace(*s)
	if *s == "" {
		*s = def
	}
	if v, ok := chineseValues[*s]; ok {
		*s = v
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		if *s == a {
			return
		}
		names[i] = valueNames[a] + "（" + a + "）"
	}
	f.Add(field, label+"应为"+strings.Join(names, "或"))
}

// valueNames are the Chinese names of the organisation's enumerated
// values, for errors people read; chineseValues maps them (and the other
// words spreadsheets use) back.
var (
	valueNames = map[string]string{app.GuideRoleGuide: "导购", app.GuideRoleManager: "店长", app.GuideActive: "在职", app.GuideLeft: "离职",
		app.StoreKindStore: "门店", app.StoreKindOnline: "线上团队", app.StoreOpen: "营业", app.StoreClosed: "已关闭"}
	chineseValues = merged(guideRoleWords, guideStatusWords, storeKindWords, storeStatusWords)
)

func merged(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		maps.Copy(out, m)
	}
	return out
}

// ValidateBrand normalises and checks what a user gives of b.
func ValidateBrand(b *app.Brand) error {
	var f app.Fields
	name(&f, "name", "品牌名称", &b.Name, 64)
	return f.Err()
}

// ValidateRegion normalises and checks what a user gives of r.
func ValidateRegion(r *app.Region) error {
	var f app.Fields
	name(&f, "name", "区域名称", &r.Name, 64)
	return f.Err()
}

// ValidateStore normalises and checks what a user gives of st; that its
// brand and region exist is checked when it is written.
func ValidateStore(st *app.Store) error {
	var f app.Fields
	st.Code = strings.TrimSpace(st.Code)
	f.Check(!storeCode.MatchString(st.Code), "code", "门店编码应为1-32位字母、数字、下划线、点或短横线，且以字母或数字开头")
	name(&f, "name", "门店名称", &st.Name, 128)
	oneOf(&f, "kind", "门店类型", &st.Kind, app.StoreKindStore, app.StoreKindStore, app.StoreKindOnline)
	oneOf(&f, "status", "门店状态", &st.Status, app.StoreOpen, app.StoreOpen, app.StoreClosed)
	optional(&f, "city", "城市", &st.City, 64)
	optional(&f, "address", "地址", &st.Address, 255)
	validateCoordinates(&f, st)
	optional(&f, "opening_hours", "营业时间", &st.OpeningHours, 128)
	if err := checkHours(st.OpeningHours); err != "" {
		f.Add("opening_hours", err)
	}
	return f.Err()
}

func validateCoordinates(f *app.Fields, st *app.Store) {
	switch {
	case st.Latitude == nil && st.Longitude != nil:
		f.Add("latitude", "经纬度应同时填写或同时留空")
		return
	case st.Latitude != nil && st.Longitude == nil:
		f.Add("longitude", "经纬度应同时填写或同时留空")
		return
	}
	if st.Latitude == nil {
		return
	}
	f.Check(*st.Latitude < -maxLatitude || *st.Latitude > maxLatitude, "latitude", "纬度应在 -90 到 90 度之间")
	f.Check(*st.Longitude < -maxLongitude || *st.Longitude > maxLongitude, "longitude", "经度应在 -180 到 180 度之间")
}

// ValidateGuide normalises and checks what a user gives of g; that its
// store exists and is open is checked when it is written.
func ValidateGuide(g *app.Guide) error {
	var f app.Fields
	g.UserID, g.StoreCode, g.Name = strings.TrimSpace(g.UserID), strings.TrimSpace(g.StoreCode), strings.TrimSpace(g.Name)
	f.Check(!wecomUserID.MatchString(g.UserID), "userid", "成员账号应为1-64位字母、数字或 _ - . @")
	f.Check(utf8.RuneCountInString(g.Name) > 64, "name", "姓名不超过64个字")
	f.Check(g.Name != "" && g.Name == g.UserID, "name", "姓名是顾客和同事看到的称呼，请填写真实姓名而非成员账号")
	f.Check(g.StoreCode == "", "store_code", "门店编码不能为空")
	oneOf(&f, "role", "角色", &g.Role, app.GuideRoleGuide, app.GuideRoleGuide, app.GuideRoleManager)
	oneOf(&f, "status", "状态", &g.Status, app.GuideActive, app.GuideActive, app.GuideLeft)
	return f.Err()
}
