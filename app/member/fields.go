package member

import (
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

// fillable is a member field a merge fills on the survivor from the
// merged record when the survivor has none, and a split restores.
type fillable struct {
	name  string
	value func(m *app.Member) string // "" when empty
	copy  func(dst, src *app.Member)
}

var fillables = []fillable{
	{"member_no", func(m *app.Member) string { return m.MemberNo }, func(d, s *app.Member) { d.MemberNo = s.MemberNo }},
	{"unionid", func(m *app.Member) string { return m.UnionID }, func(d, s *app.Member) { d.UnionID = s.UnionID }},
	{"name", func(m *app.Member) string { return m.Name }, func(d, s *app.Member) { d.Name = s.Name }},
	{"gender", func(m *app.Member) string { return zero(int64(m.Gender)) }, func(d, s *app.Member) { d.Gender = s.Gender }},
	{"birthday", func(m *app.Member) string { return m.Birthday }, func(d, s *app.Member) { d.Birthday = s.Birthday }},
	{"tier", func(m *app.Member) string { return m.Tier }, func(d, s *app.Member) { d.Tier = s.Tier }},
	{"points", func(m *app.Member) string { return zero(m.Points) }, func(d, s *app.Member) { d.Points = s.Points }},
	{"reg_store", func(m *app.Member) string { return id(m.RegStoreID) }, func(d, s *app.Member) { d.RegStoreID = s.RegStoreID }},
	{"reg_channel", func(m *app.Member) string { return m.RegChannel }, func(d, s *app.Member) { d.RegChannel = s.RegChannel }},
	{"home_store", func(m *app.Member) string { return id(m.HomeStoreID) }, func(d, s *app.Member) { d.HomeStoreID = s.HomeStoreID }},
	{"phone", func(m *app.Member) string { return m.PhoneIndex }, func(d, s *app.Member) {
		d.PhoneSealed, d.PhoneIndex, d.PhoneMasked, d.PhoneVerified = s.PhoneSealed, s.PhoneIndex, s.PhoneMasked, s.PhoneVerified
	}},
	{"tags", func(m *app.Member) string {
		if m.Tags == "[]" {
			return ""
		}
		return m.Tags
	}, func(d, s *app.Member) { d.Tags = s.Tags }},
}

// fill copies into dst every field it lacks and src has.
func fill(dst, src *app.Member) {
	for _, f := range fillables {
		if f.value(dst) == "" && f.value(src) != "" {
			f.copy(dst, src)
		}
	}
}

// restore puts back into m the fields a merge filled (as after shows
// them) and nobody changed since, from before.
func restore(m, before, after *app.Member) {
	for _, f := range fillables {
		if f.value(before) != f.value(after) && f.value(m) == f.value(after) {
			f.copy(m, before)
		}
	}
}

func zero(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

func id(p *int64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatInt(*p, 10)
}
