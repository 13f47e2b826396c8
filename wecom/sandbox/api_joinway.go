package sandbox

// wireJoinWay is a join way as get_join_way answers it.
type wireJoinWay struct {
	ConfigID       string   `json:"config_id"`
	Scene          int      `json:"scene"`
	Remark         string   `json:"remark"`
	AutoCreateRoom int      `json:"auto_create_room"`
	RoomBaseName   string   `json:"room_base_name"`
	RoomBaseID     int      `json:"room_base_id"`
	ChatIDList     []string `json:"chat_id_list"`
	QRCode         string   `json:"qr_code,omitempty"`
	State          string   `json:"state"`
}

// apiAddJoinWay creates a 加入群聊 config: its QR code comes from
// get_join_way, and it counts against the quota 联系我 shares (41045).
func (c *Corp) apiAddJoinWay(q *call) (any, error) {
	var req joinWayRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	if c.st.ext.contactWaysAPI >= maxContactWays {
		return nil, fail(41045)
	}
	jw, err := c.joinWayOf(q.base, c.newID("jw"), req)
	if err != nil {
		return nil, err
	}
	c.st.ext.joinWays[jw.ConfigID] = jw
	c.st.ext.contactWaysAPI++
	return struct {
		ConfigID string `json:"config_id"`
	}{jw.ConfigID}, nil
}

// apiGetJoinWay answers one join way.
func (c *Corp) apiGetJoinWay(q *call) (any, error) {
	var req configIDRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	jw := c.st.ext.joinWays[req.ConfigID]
	if jw == nil {
		return nil, failf(40058, "invalid config_id")
	}
	return struct {
		JoinWay wireJoinWay `json:"join_way"`
	}{wireJoinWay{ConfigID: jw.ConfigID, Scene: jw.Scene, Remark: jw.Remark, AutoCreateRoom: jw.AutoCreateRoom, RoomBaseName: jw.RoomBaseName,
		RoomBaseID: jw.RoomBaseID, ChatIDList: append([]string{}, jw.ChatIDs...), QRCode: jw.QRCode, State: jw.State}}, nil
}

// apiUpdateJoinWay overwrites a join way whole (chat_id_list included).
func (c *Corp) apiUpdateJoinWay(q *call) (any, error) {
	var req joinWayRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	if c.st.ext.joinWays[req.ConfigID] == nil {
		return nil, failf(40058, "invalid config_id")
	}
	jw, err := c.joinWayOf(q.base, req.ConfigID, req)
	if err != nil {
		return nil, err
	}
	c.st.ext.joinWays[jw.ConfigID] = jw
	return nil, nil
}

// apiDelJoinWay deletes a join way; its quota unit is not given back.
func (c *Corp) apiDelJoinWay(q *call) (any, error) {
	var req configIDRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	if c.st.ext.joinWays[req.ConfigID] == nil {
		return nil, failf(40058, "invalid config_id")
	}
	delete(c.st.ext.joinWays, req.ConfigID)
	return nil, nil
}
