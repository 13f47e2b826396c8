package sandbox

import (
	"encoding/json"
	"time"
)

type configIDRequest struct {
	ConfigID string `json:"config_id"`
}

type wireContactWay struct {
	ConfigID      string          `json:"config_id"`
	Type          int             `json:"type"`
	Scene         int             `json:"scene"`
	Style         int             `json:"style"`
	Remark        string          `json:"remark"`
	SkipVerify    bool            `json:"skip_verify"`
	State         string          `json:"state"`
	QRCode        string          `json:"qr_code,omitempty"`
	User          []string        `json:"user"`
	Party         []int           `json:"party"`
	IsTemp        bool            `json:"is_temp"`
	ExpiresIn     int             `json:"expires_in,omitempty"`
	ChatExpiresIn int             `json:"chat_expires_in,omitempty"`
	UnionID       string          `json:"unionid,omitempty"`
	IsExclusive   bool            `json:"is_exclusive"`
	Conclusions   json.RawMessage `json:"conclusions,omitempty"`
}

// apiGetContactWay answers one 联系我.
func (c *Corp) apiGetContactWay(q *call) (any, error) {
	var req configIDRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	cw, err := c.contactWayOf(req.ConfigID)
	if err != nil {
		return nil, err
	}
	w := wireContactWay{
		ConfigID: cw.ConfigID, Type: cw.Type, Scene: cw.Scene, Style: cw.Style, Remark: cw.Remark,
		SkipVerify: cw.SkipVerify, State: cw.State, QRCode: cw.QRCode, User: nonNil(cw.Users),
		Party: append([]int{}, cw.Parties...), IsTemp: cw.IsTemp, ExpiresIn: cw.ExpiresIn,
		ChatExpiresIn: cw.ChatExpiresIn, UnionID: cw.UnionID, IsExclusive: cw.IsExclusive, Conclusions: cw.Conclusions,
	}
	return struct {
		ContactWay wireContactWay `json:"contact_way"`
	}{w}, nil
}

// apiListContactWay pages through the non-temporary 联系我 created in
// [start_time, end_time] (default: the last 90 days).
func (c *Corp) apiListContactWay(q *call) (any, error) {
	var req struct {
		StartTime int64  `json:"start_time"`
		EndTime   int64  `json:"end_time"`
		Cursor    string `json:"cursor"`
		Limit     int    `json:"limit"`
	}
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	now := c.Now()
	if req.StartTime == 0 {
		req.StartTime = now.Add(-90 * 24 * time.Hour).Unix()
	}
	if req.EndTime == 0 {
		req.EndTime = now.Unix()
	}
	var ids []string
	for _, id := range c.st.ext.contactWayIDs {
		cw := c.st.ext.contactWays[id]
		if !cw.IsTemp && cw.CreateTime >= req.StartTime && cw.CreateTime <= req.EndTime {
			ids = append(ids, id)
		}
	}
	from, to, next, err := pageOf(req.Cursor, clampLimit(req.Limit, 100, 1000), len(ids))
	if err != nil {
		return nil, err
	}
	list := make([]configIDRequest, 0, to-from)
	for _, id := range ids[from:to] {
		list = append(list, configIDRequest{id})
	}
	return struct {
		ContactWay []configIDRequest `json:"contact_way"`
		NextCursor string            `json:"next_cursor,omitempty"`
	}{list, next}, nil
}

// apiUpdateContactWay overwrites the fields sent.
func (c *Corp) apiUpdateContactWay(q *call) (any, error) {
	var req contactWayRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	cw, err := c.contactWayOf(req.ConfigID)
	if err != nil {
		return nil, err
	}
	updated := copyContactWay(cw)
	if err := c.applyContactWay(&updated, req); err != nil {
		return nil, err
	}
	*cw = updated
	return nil, nil
}

// apiDelContactWay deletes a 联系我.
func (c *Corp) apiDelContactWay(q *call) (any, error) {
	var req configIDRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	if _, err := c.contactWayOf(req.ConfigID); err != nil {
		return nil, err
	}
	delete(c.st.ext.contactWays, req.ConfigID)
	c.st.ext.contactWayIDs = without(c.st.ext.contactWayIDs, req.ConfigID)
	return nil, nil
}

// apiCloseTempChat ends a temporary chat; the follow must exist.
func (c *Corp) apiCloseTempChat(q *call) (any, error) {
	var req struct {
		UserID         string `json:"userid"`
		ExternalUserID string `json:"external_userid"`
	}
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	_, err := c.requireFollow(req.UserID, req.ExternalUserID)
	return nil, err
}

func nonNil(s []string) []string { return append([]string{}, s...) }
