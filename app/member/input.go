package member

import (
	"context"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// Input is one member as the brand's systems send it. Every key is
// optional but at least one must be given; an attribute left empty keeps
// what the record holds (Points and Tags are pointers for that reason:
// zero points and no tags are values).
type Input struct {
	MemberNo        string    `json:"member_no"`
	UnionID         string    `json:"unionid"`
	OpenIDs         []string  `json:"openids"`
	ExternalUserIDs []string  `json:"external_userids"`
	Phone           string    `json:"phone"`
	PhoneVerified   bool      `json:"phone_verified"`
	Brand           string    `json:"brand"`
	Name            string    `json:"name"`
	Gender          string    `json:"gender"`
	Birthday        string    `json:"birthday"`
	Tier            string    `json:"tier"`
	Points          *int64    `json:"points"`
	RegStoreCode    string    `json:"reg_store_code"`
	RegChannel      string    `json:"reg_channel"`
	HomeStoreCode   string    `json:"home_store_code"`
	Tags            *[]string `json:"tags"`
}

// record is an Input checked and resolved: its scope, its keys (the phone
// as its blind index) and the attributes it sets.
type record struct {
	scope    int64
	keys     []key
	phone    string // normalized, "" when not sent
	verified bool
	attrs    app.Member // only the fields the input set
	set      map[string]bool
}

// key is one identity key of a record.
type key struct{ kind, value string }

// genders reads the ways systems write a gender.
var genders = map[string]int{"": 0, "0": 0, "未知": 0, "unknown": 0, "1": 1, "男": 1, "male": 1, "m": 1, "2": 2, "女": 2, "female": 2, "f": 2}

// check validates in, reporting every refused field at once, and resolves
// its stores and scope.
func (s *Service) check(ctx context.Context, corpID int64, in Input) (*record, error) {
	var f app.Fields
	r := &record{set: map[string]bool{}}
	r.keys = checkKeys(&f, in)
	if in.Phone != "" {
		p, ok := app.NormalizePhone(in.Phone)
		f.Check(!ok, "phone", "手机号格式不正确（应为 11 位中国大陆手机号）")
		r.phone, r.verified = p, in.PhoneVerified
		if ok {
			r.keys = append(r.keys, key{app.KeyPhone, s.Box.Index(app.KeyPhone, p)})
		}
	}
	// A key refused for its length is reason enough; "no key" would only repeat it.
	f.Check(len(r.keys) == 0 && in.Phone == "" && len(f) == 0, "member_no", "至少需要会员号、unionid、openid、手机号或外部联系人之一")
	s.checkAttrs(&f, in, r)
	if err := s.resolveStores(ctx, corpID, &f, in, r); err != nil {
		return nil, err
	}
	return r, f.Err()
}

// checkKeys reads the identity keys of in.
func checkKeys(f *app.Fields, in Input) []key {
	var keys []key
	add := func(field, kind, v string) {
		v = strings.TrimSpace(v)
		switch {
		case v == "":
		case utf8.RuneCountInString(v) > 64:
			f.Add(field, "不能超过 64 个字符")
		default:
			keys = append(keys, key{kind, v})
		}
	}
	add("member_no", app.KeyMemberNo, in.MemberNo)
	add("unionid", app.KeyUnionID, in.UnionID)
	for _, o := range in.OpenIDs {
		add("openids", app.KeyOpenID, o)
	}
	for _, e := range in.ExternalUserIDs {
		add("external_userids", app.KeyExternal, e)
	}
	return keys
}

// checkAttrs reads the attributes in sets.
func (s *Service) checkAttrs(f *app.Fields, in Input, r *record) {
	text := func(field, v string, max int, dst *string) {
		v = strings.TrimSpace(v)
		if v == "" {
			return
		}
		f.Check(utf8.RuneCountInString(v) > max, field, "不能超过 "+itoa(max)+" 个字符")
		*dst, r.set[field] = v, true
	}
	text("name", in.Name, 64, &r.attrs.Name)
	text("tier", in.Tier, 32, &r.attrs.Tier)
	text("reg_channel", in.RegChannel, 64, &r.attrs.RegChannel)
	if g, ok := genders[strings.ToLower(strings.TrimSpace(in.Gender))]; !ok {
		f.Add("gender", "性别应为 男、女 或留空")
	} else if g != 0 {
		r.attrs.Gender, r.set["gender"] = g, true
	}
	if b := strings.TrimSpace(in.Birthday); b != "" {
		d, err := time.Parse("2006-01-02", b)
		f.Check(err != nil || d.Year() < 1900 || d.After(s.now()), "birthday", "生日应为 YYYY-MM-DD 格式的过去日期")
		r.attrs.Birthday, r.set["birthday"] = b, true
	}
	if in.Points != nil {
		f.Check(*in.Points < 0, "points", "积分不能为负数")
		r.attrs.Points, r.set["points"] = *in.Points, true
	}
	if in.Tags != nil {
		r.attrs.Tags, r.set["tags"] = checkTags(f, *in.Tags), true
	}
}

// checkTags reads Siyu tags: names, each at most 32 characters, at most 50.
func checkTags(f *app.Fields, tags []string) string {
	out := []string{}
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.TrimSpace(t)
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		f.Check(utf8.RuneCountInString(t) > 32, "tags", "标签“"+t+"”超过 32 个字符")
		out = append(out, t)
	}
	f.Check(len(out) > 50, "tags", "标签不能超过 50 个")
	b, _ := json.Marshal(out)
	if len(b) > 1024 {
		f.Add("tags", "标签总长度过长")
	}
	return string(b)
}
