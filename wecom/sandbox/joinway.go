package sandbox

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// groupScanLimit is how many members a group may have for a customer to
// join it by scanning: past 200 only invitations work.
const groupScanLimit = 200

// JoinWay is a 加入群聊 config: up to five groups a customer joins by one
// QR code, with a state each joiner carries in groupchat/get.
type JoinWay struct {
	ConfigID       string
	Scene          int // 1 mini-program plugin, 2 QR code
	Remark         string
	AutoCreateRoom int
	RoomBaseName   string
	RoomBaseID     int
	ChatIDs        []string
	State          string
	QRCode         string
}

// joinWayRequest is the body of add_join_way and update_join_way.
type joinWayRequest struct {
	ConfigID       string   `json:"config_id"`
	Scene          int      `json:"scene"`
	Remark         string   `json:"remark"`
	AutoCreateRoom *int     `json:"auto_create_room"`
	RoomBaseName   string   `json:"room_base_name"`
	RoomBaseID     int      `json:"room_base_id"`
	ChatIDList     []string `json:"chat_id_list"`
	State          string   `json:"state"`
}

// joinWayOf builds the join way req asks for, refused as WeCom would: a
// scene other than 1 or 2, no group or more than five, a group that is
// not a live customer group (90501), a state over 30 characters.
func (c *Corp) joinWayOf(base, configID string, req joinWayRequest) (*JoinWay, error) {
	switch {
	case req.Scene != 1 && req.Scene != 2:
		return nil, failf(40058, "scene must be 1 or 2")
	case len(req.ChatIDList) == 0 || len(req.ChatIDList) > 5:
		return nil, failf(40058, "chat_id_list must hold 1 to 5 groups")
	case utf8.RuneCountInString(req.State) > 30:
		return nil, failf(40058, "state exceeds 30 characters")
	case utf8.RuneCountInString(req.RoomBaseName) > 40:
		return nil, failf(40058, "room_base_name exceeds 40 characters")
	}
	for _, id := range req.ChatIDList {
		if g := c.st.groups[id]; g == nil || g.Dismissed {
			return nil, failf(90501, "chat %s is not a customer group", id)
		}
	}
	jw := &JoinWay{ConfigID: configID, Scene: req.Scene, Remark: truncateRunes(req.Remark, 30), AutoCreateRoom: 1,
		RoomBaseName: req.RoomBaseName, RoomBaseID: req.RoomBaseID, ChatIDs: append([]string(nil), req.ChatIDList...), State: req.State}
	if req.AutoCreateRoom != nil {
		jw.AutoCreateRoom = *req.AutoCreateRoom
	}
	if jw.Scene == 2 {
		jw.QRCode = c.qrCodeURL(base, configID)
	}
	return jw, nil
}

// JoinByJoinWay is a customer scanning join way configID's QR code: they
// join its first group under the scan limit, carrying its state; when all
// are full and the way auto-creates, a new group named base+number, owned
// by the first group's owner, is made for them and added to the way. It
// returns the chat id joined.
// The whole scan holds the corp's lock, so two at once never both take
// a group's last place.
func (c *Corp) JoinByJoinWay(configID, externalUserID string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	jw := c.st.ext.joinWays[configID]
	if jw == nil {
		return "", fmt.Errorf("sandbox: join way %q: %w", configID, ErrNotFound)
	}
	chat := c.openGroupOf(jw)
	if chat == "" {
		return "", fmt.Errorf("sandbox: every group of join way %s is full", configID)
	}
	return chat, c.joinGroup(chat, Join{Members: []string{externalUserID}, JoinScene: 3, State: jw.State})
}

// openGroupOf is the group of jw a scan joins, creating one when allowed;
// "" when all are full. The caller holds c.mu.
func (c *Corp) openGroupOf(jw *JoinWay) string {
	for _, id := range jw.ChatIDs {
		if g := c.st.groups[id]; g != nil && !g.Dismissed && len(g.Members) < groupScanLimit {
			return id
		}
	}
	first := c.st.groups[jw.ChatIDs[0]]
	if jw.AutoCreateRoom != 1 || first == nil {
		return ""
	}
	now := c.Now().Unix()
	g := &Group{ChatID: c.newID("wr"), Name: jw.RoomBaseName + strconv.Itoa(jw.RoomBaseID), Owner: first.Owner, CreateTime: now}
	g.Members, _ = c.groupMembers([]string{first.Owner}, Join{JoinScene: 1}, now)
	jw.RoomBaseID++
	c.bumpVersion(g)
	c.st.groups[g.ChatID] = g
	c.st.groupIDs = append(c.st.groupIDs, g.ChatID)
	jw.ChatIDs = append(jw.ChatIDs, g.ChatID)
	c.emit(c.newEvent(eventChat, "create", text("ChatId", g.ChatID)))
	return g.ChatID
}

// truncateRunes keeps the first n characters of s, as WeCom cuts a long
// remark instead of refusing it.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// Stranger is a WeChat user the corp knows of without any member having
// them as a friend: someone who may join a customer group by a join way's
// code (their external_userid exists for the corp as a group member's).
func (c *Corp) Stranger(cu Customer) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.addingCustomer(cu)
}

// JoinWay returns a copy of join way configID as the sandbox holds it.
func (c *Corp) JoinWay(configID string) (JoinWay, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	jw := c.st.ext.joinWays[configID]
	if jw == nil {
		return JoinWay{}, false
	}
	out := *jw
	out.ChatIDs = append([]string(nil), jw.ChatIDs...)
	return out, true
}
