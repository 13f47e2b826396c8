package wecom

import (
	"context"

	"github.com/silenceper/wechat/v2/util"
)

// Join-way API names (加入群聊).
const (
	apiAddJoinWay    = "externalcontact/groupchat/add_join_way"
	apiGetJoinWay    = "externalcontact/groupchat/get_join_way"
	apiUpdateJoinWay = "externalcontact/groupchat/update_join_way"
	apiDelJoinWay    = "externalcontact/groupchat/del_join_way"
)

// JoinWay is a 加入群聊 config: up to five groups customers join by one QR
// code (Scene 2) or mini-program plugin (Scene 1). State (≤ 30 chars)
// reaches Siyu only as a member's state in groupchat/get, never in the
// change callback. The SDK's own type sends auto_create_room 0 when
// unset, overriding WeCom's default of 1, so Siyu sends its own.
type JoinWay struct {
	ConfigID string `json:"config_id,omitempty"`
	Scene    int    `json:"scene"`
	Remark   string `json:"remark,omitempty"`
	// AutoCreateRoom 1 creates a group named RoomBaseName+RoomBaseID
	// (and on) when every group is full; it is always sent.
	AutoCreateRoom int      `json:"auto_create_room"`
	RoomBaseName   string   `json:"room_base_name,omitempty"`
	RoomBaseID     int      `json:"room_base_id,omitempty"`
	ChatIDs        []string `json:"chat_id_list"`
	State          string   `json:"state,omitempty"`
	// QRCode is the code's image URL (read back by GetJoinWay).
	QRCode string `json:"qr_code,omitempty"`
}

// AddJoinWay creates a join way and returns its config_id. Each one
// spends a unit of the 500,000 configs 联系我 share and never get back,
// so it is not retried after an unknown outcome.
func (c *Client) AddJoinWay(ctx context.Context, jw JoinWay) (string, error) {
	jw.ConfigID, jw.QRCode = "", ""
	var resp struct {
		util.CommonError
		ConfigID string `json:"config_id"`
	}
	err := c.call(ctx, apiAddJoinWay, false, func(s *session) error { return s.post("/cgi-bin/"+apiAddJoinWay, jw, &resp) })
	return resp.ConfigID, err
}

// GetJoinWay reads a join way with its QR code.
func (c *Client) GetJoinWay(ctx context.Context, configID string) (*JoinWay, error) {
	var resp struct {
		util.CommonError
		JoinWay JoinWay `json:"join_way"`
	}
	err := c.call(ctx, apiGetJoinWay, true, func(s *session) error {
		return s.post("/cgi-bin/"+apiGetJoinWay, map[string]string{"config_id": configID}, &resp)
	})
	if err != nil {
		return nil, err
	}
	return &resp.JoinWay, nil
}

// UpdateJoinWay overwrites join way jw.ConfigID whole: the groups too.
func (c *Client) UpdateJoinWay(ctx context.Context, jw JoinWay) error {
	jw.QRCode = ""
	var resp struct{ util.CommonError }
	return c.call(ctx, apiUpdateJoinWay, true, func(s *session) error { return s.post("/cgi-bin/"+apiUpdateJoinWay, jw, &resp) })
}

// DelJoinWay deletes a join way (its quota unit is not given back).
func (c *Client) DelJoinWay(ctx context.Context, configID string) error {
	var resp struct{ util.CommonError }
	return c.call(ctx, apiDelJoinWay, true, func(s *session) error {
		return s.post("/cgi-bin/"+apiDelJoinWay, map[string]string{"config_id": configID}, &resp)
	})
}
