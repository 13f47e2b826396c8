package sandbox

import "fmt"

// Join is people joining a group.
type Join struct {
	// Members are member userids or external userids of known customers.
	Members []string
	// JoinScene is 1 invited directly, 2 by invitation link, 3 by scanning
	// the group QR code. The callback carries WeCom's JoinScene, which
	// knows only 0 (invited) and 3 (scanned).
	JoinScene int
	Invitor   string
	// State is the state of the 加入群聊 join way used.
	State string
}

// JoinGroup adds people to a group and delivers update/add_member with
// JoinScene, MemChangeCnt, MemChangeList and the member versions.
func (c *Corp) JoinGroup(chatID string, j Join) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.joinGroup(chatID, j)
}

// joinGroup is JoinGroup under c.mu.
func (c *Corp) joinGroup(chatID string, j Join) error {
	g, err := c.liveGroup(chatID)
	if err != nil {
		return err
	}
	for _, id := range j.Members {
		if memberIndex(g, id) >= 0 {
			return fmt.Errorf("sandbox: %q is already in group %s", id, chatID)
		}
	}
	if j.JoinScene == 0 {
		j.JoinScene = 1
	}
	joined, err := c.groupMembers(j.Members, j, c.Now().Unix())
	if err != nil {
		return err
	}
	g.Members = append(g.Members, joined...)
	scene := int64(0)
	if j.JoinScene == 3 {
		scene = 3
	}
	c.emitMemberChange(g, "add_member", num("JoinScene", scene), j.Members)
	return nil
}

// Leave is people leaving a group.
type Leave struct {
	Members []string
	// QuitScene is 0 left by themselves, 1 removed by the owner or an admin.
	QuitScene int
}

// LeaveGroup removes people from a group and delivers update/del_member.
func (c *Corp) LeaveGroup(chatID string, l Leave) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	g, err := c.liveGroup(chatID)
	if err != nil {
		return err
	}
	for _, id := range l.Members {
		i := memberIndex(g, id)
		if i < 0 || id == g.Owner {
			return fmt.Errorf("sandbox: %q leaving group %s: %w", id, chatID, ErrNotFound)
		}
		g.Members = append(g.Members[:i], g.Members[i+1:]...)
	}
	c.emitMemberChange(g, "del_member", num("QuitScene", int64(l.QuitScene)), l.Members)
	return nil
}

// emitMemberChange bumps the member version and delivers the update.
func (c *Corp) emitMemberChange(g *Group, detail string, scene xmlField, ids []string) {
	last := g.Version
	c.bumpVersion(g)
	c.emit(c.newEvent(eventChat, "update", text("ChatId", g.ChatID), text("UpdateDetail", detail),
		scene, num("MemChangeCnt", int64(len(ids))), items("MemChangeList", ids),
		text("LastMemVer", last), text("CurMemVer", g.Version)))
}
