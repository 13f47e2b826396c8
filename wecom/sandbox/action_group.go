package sandbox

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"strconv"
)

const eventChat = "change_external_chat"

// NewGroup describes a group a member creates in the client.
type NewGroup struct {
	Owner  string
	Name   string
	Notice string
	Admins []string
	// Members are the first members besides the owner: member userids or
	// external userids of known customers, invited by the owner.
	Members []string
}

// CreateGroup creates a group owned by a member and delivers
// change_external_chat create. It returns the chat id.
func (c *Corp) CreateGroup(g NewGroup) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.st.members[g.Owner] == nil {
		return "", fmt.Errorf("sandbox: owner %q: %w", g.Owner, ErrNotFound)
	}
	now := c.Now().Unix()
	grp := &Group{ChatID: c.newID("wr"), Name: g.Name, Owner: g.Owner, Notice: g.Notice,
		CreateTime: now, Admins: append([]string(nil), g.Admins...)}
	ids := append([]string{g.Owner}, g.Members...)
	joined, err := c.groupMembers(ids, Join{JoinScene: 1, Invitor: g.Owner}, now)
	if err != nil {
		return "", err
	}
	grp.Members = joined
	grp.Members[0].Invitor = ""
	c.bumpVersion(grp)
	c.st.groups[grp.ChatID] = grp
	c.st.groupIDs = append(c.st.groupIDs, grp.ChatID)
	c.emit(c.newEvent(eventChat, "create", text("ChatId", grp.ChatID)))
	return grp.ChatID, nil
}

// groupMembers resolves ids into group members joining now.
func (c *Corp) groupMembers(ids []string, j Join, now int64) ([]GroupMember, error) {
	out := make([]GroupMember, 0, len(ids))
	for _, id := range ids {
		gm := GroupMember{UserID: id, JoinTime: now, JoinScene: j.JoinScene, Invitor: j.Invitor, State: j.State}
		switch {
		case c.st.members[id] != nil:
			gm.Type, gm.Name = 1, c.st.members[id].Name
		case c.st.customers[id] != nil:
			cu := c.st.customers[id]
			gm.Type, gm.Name, gm.UnionID = 2, cu.Name, cu.UnionID
		default:
			return nil, fmt.Errorf("sandbox: group member %q: %w", id, ErrNotFound)
		}
		out = append(out, gm)
	}
	return out, nil
}

// bumpVersion gives the group a new member_version.
func (c *Corp) bumpVersion(g *Group) {
	c.st.seq++
	sum := md5.Sum([]byte(g.ChatID + "/" + strconv.FormatInt(c.st.seq, 10)))
	g.Version = hex.EncodeToString(sum[:])
}

// liveGroup finds a group that is not dismissed; callers hold c.mu.
func (c *Corp) liveGroup(chatID string) (*Group, error) {
	g := c.st.groups[chatID]
	if g == nil || g.Dismissed {
		return nil, fmt.Errorf("sandbox: group %q: %w", chatID, ErrNotFound)
	}
	return g, nil
}

// RenameGroup renames a group (update, change_name).
func (c *Corp) RenameGroup(chatID, name string) error {
	return c.changeGroup(chatID, "change_name", func(g *Group) error { g.Name = name; return nil })
}

// ChangeGroupNotice sets the group notice (update, change_notice).
func (c *Corp) ChangeGroupNotice(chatID, notice string) error {
	return c.changeGroup(chatID, "change_notice", func(g *Group) error { g.Notice = notice; return nil })
}

// ChangeGroupOwner hands the group to another member (update,
// change_owner); the new owner must already be in the group.
func (c *Corp) ChangeGroupOwner(chatID, owner string) error {
	return c.changeGroup(chatID, "change_owner", func(g *Group) error {
		if c.st.members[owner] == nil || memberIndex(g, owner) < 0 {
			return fmt.Errorf("sandbox: new owner %q in group: %w", owner, ErrNotFound)
		}
		g.Owner = owner
		return nil
	})
}

func (c *Corp) changeGroup(chatID, detail string, apply func(*Group) error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	g, err := c.liveGroup(chatID)
	if err != nil {
		return err
	}
	if err := apply(g); err != nil {
		return err
	}
	c.emit(c.newEvent(eventChat, "update", text("ChatId", chatID), text("UpdateDetail", detail)))
	return nil
}

// DismissGroup dismisses a group (dismiss); it no longer answers to the API.
func (c *Corp) DismissGroup(chatID string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	g, err := c.liveGroup(chatID)
	if err != nil {
		return err
	}
	g.Dismissed = true
	c.emit(c.newEvent(eventChat, "dismiss", text("ChatId", chatID)))
	return nil
}

func memberIndex(g *Group, id string) int {
	for i, m := range g.Members {
		if m.UserID == id {
			return i
		}
	}
	return -1
}
