package sandbox

import "fmt"

const eventTag = "change_external_tag"

// ConsoleCreateTagGroup creates a tag group with its tags in the admin
// console and delivers change_external_tag create for the group.
func (c *Corp) ConsoleCreateTagGroup(name string, order int, tags ...TagSpec) (TagGroup, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, g := range c.st.tagGroups {
		if g.GroupName == name {
			return TagGroup{}, fmt.Errorf("sandbox: tag group %q exists", name)
		}
	}
	g, _, err := c.addTags("", name, order, tags)
	if err != nil {
		return TagGroup{}, fmt.Errorf("sandbox: create tag group: %w", err)
	}
	c.emit(c.newEvent(eventTag, "create", text("Id", g.GroupID), text("TagType", "tag_group")))
	return copyTagGroup(g), nil
}

// ConsoleCreateTag adds a tag to a group in the admin console and delivers
// change_external_tag create for the tag.
func (c *Corp) ConsoleCreateTag(groupID, name string, order int) (Tag, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.st.tagGroups[groupID] == nil {
		return Tag{}, fmt.Errorf("sandbox: tag group %q: %w", groupID, ErrNotFound)
	}
	_, created, err := c.addTags(groupID, "", 0, []TagSpec{{Name: name, Order: order}})
	if err != nil {
		return Tag{}, fmt.Errorf("sandbox: create tag: %w", err)
	}
	c.emit(c.newEvent(eventTag, "create", text("Id", created[0].ID), text("TagType", "tag")))
	return created[0], nil
}

// ConsoleEditTag renames and/or reorders a tag or tag group (order nil
// keeps it) and delivers change_external_tag update.
func (c *Corp) ConsoleEditTag(id, name string, order *int) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	kind, err := c.editTag(id, name, order)
	if err != nil {
		return fmt.Errorf("sandbox: edit tag %q: %w", id, err)
	}
	c.emit(c.newEvent(eventTag, "update", text("Id", id), text("TagType", kind)))
	return nil
}

// ConsoleDeleteTag deletes a tag or a whole tag group and delivers
// change_external_tag delete for it (and for its group, when the last tag
// of a group goes).
func (c *Corp) ConsoleDeleteTag(id string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var tagIDs, groupIDs []string
	if c.st.tagGroups[id] != nil {
		groupIDs = []string{id}
	} else {
		tagIDs = []string{id}
	}
	tags, groups, err := c.deleteTags(tagIDs, groupIDs)
	if err != nil {
		return fmt.Errorf("sandbox: delete tag %q: %w", id, err)
	}
	for _, t := range tags {
		c.emit(c.newEvent(eventTag, "delete", text("Id", t), text("TagType", "tag")))
	}
	for _, g := range groups {
		c.emit(c.newEvent(eventTag, "delete", text("Id", g), text("TagType", "tag_group")))
	}
	return nil
}

// ConsoleShuffleTags reverses the order of a group's tags ("" reorders the
// groups themselves) and delivers change_external_tag shuffle.
func (c *Corp) ConsoleShuffleTags(groupID string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.shuffleTags(groupID); err != nil {
		return fmt.Errorf("sandbox: shuffle tags of %q: %w", groupID, err)
	}
	c.emit(c.newEvent(eventTag, "shuffle", text("Id", groupID)))
	return nil
}

func copyTagGroup(g *TagGroup) TagGroup {
	out := *g
	out.Tags = append([]Tag(nil), g.Tags...)
	return out
}
