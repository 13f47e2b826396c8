package sandbox

import "sort"

// maxTags is WeCom's cap on corp tags (40126 beyond).
const maxTags = 3000

// TagSpec names a tag to create.
type TagSpec struct {
	Name  string
	Order int
}

// addTags creates tags in the group named by id, or by name (creating the
// group when no group has that name), as add_corp_tag does. It returns the
// group and the tags created.
func (c *Corp) addTags(groupID, groupName string, order int, specs []TagSpec) (*TagGroup, []Tag, error) {
	if len(specs) == 0 {
		return nil, nil, failf(40058, "tag list is empty")
	}
	if c.st.tagCount()+len(specs) > maxTags {
		return nil, nil, fail(40126)
	}
	g, err := c.tagGroupFor(groupID, groupName, order)
	if err != nil {
		return nil, nil, err
	}
	if err := c.checkTagNames(g, specs); err != nil {
		return nil, nil, err
	}
	if c.st.tagGroups[g.GroupID] == nil {
		c.st.tagGroups[g.GroupID] = g
		c.st.tagGroupIDs = append(c.st.tagGroupIDs, g.GroupID)
	}
	created := make([]Tag, 0, len(specs))
	for _, sp := range specs {
		t := Tag{ID: c.newID("et"), Name: sp.Name, CreateTime: c.Now().Unix(), Order: sp.Order}
		g.Tags = append(g.Tags, t)
		c.st.groupOfTag[t.ID] = g.GroupID
		created = append(created, t)
	}
	return g, created, nil
}

// tagGroupFor finds the target group, or a new unsaved one for a new name.
func (c *Corp) tagGroupFor(groupID, groupName string, order int) (*TagGroup, error) {
	if groupID != "" {
		if g := c.st.tagGroups[groupID]; g != nil {
			return g, nil
		}
		return nil, fail(40068)
	}
	if groupName == "" || len([]rune(groupName)) > 30 {
		return nil, failf(40058, "group_name must be 1 to 30 characters")
	}
	for _, id := range c.st.tagGroupIDs {
		if g := c.st.tagGroups[id]; g.GroupName == groupName {
			return g, nil
		}
	}
	return &TagGroup{GroupID: c.newID("et"), GroupName: groupName, CreateTime: c.Now().Unix(), Order: order}, nil
}

func (c *Corp) checkTagNames(g *TagGroup, specs []TagSpec) error {
	seen := map[string]bool{}
	for _, t := range g.Tags {
		seen[t.Name] = true
	}
	for _, sp := range specs {
		if sp.Name == "" || len([]rune(sp.Name)) > 30 {
			return failf(40058, "tag name must be 1 to 30 characters")
		}
		if seen[sp.Name] {
			return fail(40071)
		}
		seen[sp.Name] = true
	}
	return nil
}

// editTag renames and/or reorders a tag or a tag group; it returns the
// TagType ("tag" or "tag_group") for the callback.
func (c *Corp) editTag(id, name string, order *int) (string, error) {
	if g := c.st.tagGroups[id]; g != nil {
		if name != "" && name != g.GroupName && c.groupNameTaken(name) {
			return "", fail(40071)
		}
		setNonEmpty(&g.GroupName, name)
		setIntIf(&g.Order, order)
		return "tag_group", nil
	}
	g, i := c.st.tag(id)
	if g == nil {
		return "", fail(40068)
	}
	if name != "" && name != g.Tags[i].Name {
		if err := c.checkTagNames(g, []TagSpec{{Name: name}}); err != nil {
			return "", err
		}
	}
	setNonEmpty(&g.Tags[i].Name, name)
	setIntIf(&g.Tags[i].Order, order)
	return "tag", nil
}

func (c *Corp) groupNameTaken(name string) bool {
	for _, g := range c.st.tagGroups {
		if g.GroupName == name {
			return true
		}
	}
	return false
}

func setNonEmpty(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

func setIntIf(dst *int, v *int) {
	if v != nil {
		*dst = *v
	}
}

// sortedTagGroups returns groups and their tags by order, larger first,
// then by creation, as get_corp_tag_list lists them.
func (c *Corp) sortedTagGroups() []*TagGroup {
	out := make([]*TagGroup, 0, len(c.st.tagGroupIDs))
	for _, id := range c.st.tagGroupIDs {
		out = append(out, c.st.tagGroups[id])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Order > out[j].Order })
	return out
}

// sortTags returns a copy of tags by order, larger first, then creation.
func sortTags(tags []Tag) []Tag {
	out := append([]Tag(nil), tags...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Order > out[j].Order })
	return out
}
