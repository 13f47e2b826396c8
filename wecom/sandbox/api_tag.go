package sandbox

// wireTagGroup is tag_group in get_corp_tag_list and add_corp_tag.
type wireTagGroup struct {
	GroupID    string    `json:"group_id"`
	GroupName  string    `json:"group_name"`
	CreateTime int64     `json:"create_time"`
	Order      int       `json:"order"`
	Deleted    bool      `json:"deleted"`
	Tag        []wireTag `json:"tag"`
}

type wireTag struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	CreateTime int64  `json:"create_time"`
	Order      int    `json:"order"`
	Deleted    bool   `json:"deleted"`
}

func toWireTagGroup(g *TagGroup, tags []Tag) wireTagGroup {
	w := wireTagGroup{GroupID: g.GroupID, GroupName: g.GroupName, CreateTime: g.CreateTime, Order: g.Order, Tag: []wireTag{}}
	for _, t := range sortTags(tags) {
		w.Tag = append(w.Tag, wireTag{ID: t.ID, Name: t.Name, CreateTime: t.CreateTime, Order: t.Order})
	}
	return w
}

// apiGetCorpTagList answers whole groups for group_id, else the groups of
// the given tag_ids with just those tags, else everything.
func (c *Corp) apiGetCorpTagList(q *call) (any, error) {
	var req struct {
		TagID   []string `json:"tag_id"`
		GroupID []string `json:"group_id"`
	}
	if len(q.body) > 0 {
		if err := q.decode(&req); err != nil {
			return nil, err
		}
	}
	out := []wireTagGroup{}
	for _, g := range c.sortedTagGroups() {
		if tags, ok := pickTags(g, req.TagID, req.GroupID); ok {
			out = append(out, toWireTagGroup(g, tags))
		}
	}
	return struct {
		TagGroup []wireTagGroup `json:"tag_group"`
	}{out}, nil
}

func pickTags(g *TagGroup, tagIDs, groupIDs []string) ([]Tag, bool) {
	switch {
	case len(groupIDs) > 0:
		return g.Tags, contains(groupIDs, g.GroupID)
	case len(tagIDs) > 0:
		var tags []Tag
		for _, t := range g.Tags {
			if contains(tagIDs, t.ID) {
				tags = append(tags, t)
			}
		}
		return tags, len(tags) > 0
	}
	return g.Tags, true
}

// apiAddCorpTag creates tags (and the group, for a new group_name).
func (c *Corp) apiAddCorpTag(q *call) (any, error) {
	var req struct {
		GroupID   string    `json:"group_id"`
		GroupName string    `json:"group_name"`
		Order     int       `json:"order"`
		Tag       []TagSpec `json:"tag"`
	}
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	g, created, err := c.addTags(req.GroupID, req.GroupName, req.Order, req.Tag)
	if err != nil {
		return nil, err
	}
	return struct {
		TagGroup wireTagGroup `json:"tag_group"`
	}{toWireTagGroup(g, created)}, nil
}

// apiEditCorpTag renames or reorders a tag or group.
func (c *Corp) apiEditCorpTag(q *call) (any, error) {
	var req struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		Order *int   `json:"order"`
	}
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	if len([]rune(req.Name)) > 30 {
		return nil, failf(40058, "name exceeds 30 characters")
	}
	_, err := c.editTag(req.ID, req.Name, req.Order)
	return nil, err
}

// apiDelCorpTag deletes tags and groups.
func (c *Corp) apiDelCorpTag(q *call) (any, error) {
	var req struct {
		TagID   []string `json:"tag_id"`
		GroupID []string `json:"group_id"`
	}
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	_, _, err := c.deleteTags(req.TagID, req.GroupID)
	return nil, err
}

// apiMarkTag adds and removes corp tags on one follow.
func (c *Corp) apiMarkTag(q *call) (any, error) {
	var req struct {
		UserID         string   `json:"userid"`
		ExternalUserID string   `json:"external_userid"`
		AddTag         []string `json:"add_tag"`
		RemoveTag      []string `json:"remove_tag"`
	}
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	f, err := c.requireFollow(req.UserID, req.ExternalUserID)
	if err != nil {
		return nil, err
	}
	if len(req.AddTag) == 0 && len(req.RemoveTag) == 0 && c.sb.opts.Quirks.MarkTagEmptyError {
		return nil, failf(40058, "add_tag and remove_tag are both empty")
	}
	return nil, c.markTags(f, req.AddTag, req.RemoveTag)
}

// markTags applies tag changes to a follow after checking every tag exists.
func (c *Corp) markTags(f *Follow, add, remove []string) error {
	for _, id := range append(append([]string{}, add...), remove...) {
		if g, _ := c.st.tag(id); g == nil {
			return fail(40068)
		}
	}
	for _, id := range remove {
		f.TagIDs = without(f.TagIDs, id)
	}
	for _, id := range add {
		if !contains(f.TagIDs, id) {
			f.TagIDs = append(f.TagIDs, id)
		}
	}
	return nil
}
