package directory

import (
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// maxTagName is WeCom's limit on a tag's or group's name, in characters.
const maxTagName = 30

// library is the mirror's tag library, to check a change against before
// WeCom is asked (WeCom's own refusals come back as errors too).
type library []app.TagGroup

func (l library) group(id string) *app.TagGroup {
	for i := range l {
		if l[i].GroupID == id {
			return &l[i]
		}
	}
	return nil
}

func (l library) tag(id string) (*app.TagGroup, *app.Tag) {
	for i := range l {
		for j := range l[i].Tags {
			if l[i].Tags[j].TagID == id {
				return &l[i], &l[i].Tags[j]
			}
		}
	}
	return nil, nil
}

// checkNewGroup refuses a group name in use (WeCom would add the tags to
// that group instead) and bad tag names, every field at once.
func (l library) checkNewGroup(name string, tags []string) error {
	var f app.Fields
	checkName(&f, "group_name", "标签组", name)
	for _, g := range l {
		f.Check(g.Name == name, "group_name", "标签组「"+name+"」已存在，请在该组中添加标签")
	}
	f.Check(len(tags) == 0, "tags", "至少填写一个标签：企业微信不保留没有标签的标签组")
	f = append(f, tagNameFields(nil, "tags", tags...)...)
	return f.Err()
}

// rename checks a new name for the tag or group id and returns which it
// is ("tag" or "tag_group"), its current name and its order.
func (l library) rename(id, name string) (kind, old string, order int64, err error) {
	if g := l.group(id); g != nil {
		var f app.Fields
		checkName(&f, "name", "标签组", name)
		for _, other := range l {
			f.Check(other.GroupID != id && other.Name == name, "name", "标签组「"+name+"」已存在")
		}
		return "tag_group", g.Name, g.Order, f.Err()
	}
	g, t := l.tag(id)
	if t == nil {
		return "", "", 0, app.Errorf(app.ENOTFOUND, "标签不存在或已删除，请刷新后重试")
	}
	others := &app.TagGroup{Name: g.Name}
	for _, x := range g.Tags {
		if x.TagID != id {
			others.Tags = append(others.Tags, x)
		}
	}
	return "tag", t.Name, t.Order, checkTagNames(others, "name", name)
}

// checkTagNames refuses names that are empty, too long, repeated, or
// already in group g.
func checkTagNames(g *app.TagGroup, field string, names ...string) error {
	return app.Fields(tagNameFields(g, field, names...)).Err()
}

func tagNameFields(g *app.TagGroup, field string, names ...string) app.Fields {
	var f app.Fields
	seen := map[string]bool{}
	if g != nil {
		for _, t := range g.Tags {
			seen[t.Name] = true
		}
	}
	for _, n := range names {
		checkName(&f, field, "标签", n)
		f.Check(n != "" && seen[n], field, "标签「"+n+"」已在该标签组中")
		seen[n] = true
	}
	return f
}

func checkName(f *app.Fields, field, what, name string) {
	f.Check(name == "", field, what+"名称不能为空")
	f.Check(utf8.RuneCountInString(name) > maxTagName, field, what+"名称不能超过 30 个字")
}

func tagNamesOf(g *app.TagGroup) []string {
	out := make([]string, len(g.Tags))
	for i, t := range g.Tags {
		out[i] = t.Name
	}
	return out
}
