package sandbox

import "sort"

// deleteTags removes tags and whole groups; a group left without tags goes
// too, as in WeCom. It returns what was deleted, tags then groups, for the
// callbacks.
func (c *Corp) deleteTags(tagIDs, groupIDs []string) (tags, groups []string, err error) {
	if len(tagIDs) == 0 && len(groupIDs) == 0 {
		return nil, nil, failf(40058, "tag_id and group_id are both empty")
	}
	if err := c.checkTagIDs(tagIDs, groupIDs); err != nil {
		return nil, nil, err
	}
	for _, id := range tagIDs {
		if g, i := c.st.tag(id); g != nil {
			g.Tags = append(g.Tags[:i], g.Tags[i+1:]...)
			delete(c.st.groupOfTag, id)
			tags = append(tags, id)
			if len(g.Tags) == 0 {
				groupIDs = append(groupIDs, g.GroupID)
			}
		}
	}
	for _, id := range groupIDs {
		if g := c.st.tagGroups[id]; g != nil {
			c.dropTagGroup(g)
			groups = append(groups, id)
		}
	}
	c.untagFollows()
	return tags, groups, nil
}

func (c *Corp) checkTagIDs(tagIDs, groupIDs []string) error {
	for _, id := range tagIDs {
		if g, _ := c.st.tag(id); g == nil {
			return fail(40068)
		}
	}
	for _, id := range groupIDs {
		if c.st.tagGroups[id] == nil {
			return fail(40068)
		}
	}
	return nil
}

func (c *Corp) dropTagGroup(g *TagGroup) {
	for _, t := range g.Tags {
		delete(c.st.groupOfTag, t.ID)
	}
	delete(c.st.tagGroups, g.GroupID)
	c.st.tagGroupIDs = without(c.st.tagGroupIDs, g.GroupID)
}

// untagFollows drops deleted tags from every follow, so answers and
// snapshots never mention a tag that no longer exists.
func (c *Corp) untagFollows() {
	for _, f := range c.st.follows {
		kept := f.TagIDs[:0]
		for _, id := range f.TagIDs {
			if _, ok := c.st.groupOfTag[id]; ok {
				kept = append(kept, id)
			}
		}
		f.TagIDs = kept
	}
}

// shuffleTags reorders the tags of a group (or, for "", the groups
// themselves) as an admin dragging them around would: the ranking is
// reversed, with distinct orders so the change is visible.
func (c *Corp) shuffleTags(groupID string) error {
	if groupID == "" {
		for i, g := range c.sortedTagGroups() {
			g.Order = i + 1 // the former first now has the smallest order
		}
		return nil
	}
	g := c.st.tagGroups[groupID]
	if g == nil {
		return fail(40068)
	}
	sort.SliceStable(g.Tags, func(i, j int) bool { return g.Tags[i].Order > g.Tags[j].Order })
	for i := range g.Tags {
		g.Tags[i].Order = i + 1
	}
	return nil
}
