package sandbox

import (
	"encoding/json"
	"time"
)

// maxContactWays is how many 联系我 the API may create per corp (41045).
const maxContactWays = 500000

// contactWayRequest is the body of add_ and update_contact_way. Pointers
// tell "absent" from zero: WeCom's skip_verify defaults to true, and
// update overwrites only what is sent.
type contactWayRequest struct {
	ConfigID      string          `json:"config_id"`
	Type          *int            `json:"type"`
	Scene         *int            `json:"scene"`
	Style         *int            `json:"style"`
	Remark        *string         `json:"remark"`
	SkipVerify    *bool           `json:"skip_verify"`
	State         *string         `json:"state"`
	User          []string        `json:"user"`
	Party         []int           `json:"party"`
	IsTemp        bool            `json:"is_temp"`
	ExpiresIn     *int            `json:"expires_in"`
	ChatExpiresIn *int            `json:"chat_expires_in"`
	UnionID       *string         `json:"unionid"`
	IsExclusive   *bool           `json:"is_exclusive"`
	Conclusions   json.RawMessage `json:"conclusions"`
}

// apiAddContactWay creates a 联系我; qr_code only for scene 2.
func (c *Corp) apiAddContactWay(q *call) (any, error) {
	var req contactWayRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	if c.st.ext.contactWaysAPI >= maxContactWays {
		return nil, fail(41045)
	}
	cw, err := c.newContactWay(q.base, req)
	if err != nil {
		return nil, err
	}
	c.st.ext.contactWays[cw.ConfigID] = cw
	c.st.ext.contactWayIDs = append(c.st.ext.contactWayIDs, cw.ConfigID)
	c.st.ext.contactWaysAPI++
	return struct {
		ConfigID string `json:"config_id"`
		QRCode   string `json:"qr_code,omitempty"`
	}{cw.ConfigID, cw.QRCode}, nil
}

func (c *Corp) newContactWay(base string, req contactWayRequest) (*ContactWay, error) {
	if req.Type == nil {
		return nil, fail(41037)
	}
	if req.Scene == nil {
		return nil, fail(41038)
	}
	cw := &ContactWay{Type: *req.Type, Scene: *req.Scene, SkipVerify: true, IsTemp: req.IsTemp,
		CreateTime: c.Now().Unix()}
	if err := c.applyContactWay(cw, req); err != nil {
		return nil, err
	}
	if cw.IsTemp {
		cw.ExpiresIn = orDefault(cw.ExpiresIn, int(7*24*time.Hour/time.Second))
		cw.ChatExpiresIn = orDefault(cw.ChatExpiresIn, int(24*time.Hour/time.Second))
	}
	cw.ConfigID = c.newID("cw")
	if cw.Scene == 2 {
		cw.QRCode = c.qrCodeURL(base, cw.ConfigID)
	}
	return cw, nil
}

// applyContactWay overwrites cw with the fields present in req and checks
// the result.
func (c *Corp) applyContactWay(cw *ContactWay, req contactWayRequest) error {
	setIntIf(&cw.Style, req.Style)
	setIf(&cw.Remark, req.Remark)
	setIf(&cw.State, req.State)
	setIf(&cw.UnionID, req.UnionID)
	setIntIf(&cw.ExpiresIn, req.ExpiresIn)
	setIntIf(&cw.ChatExpiresIn, req.ChatExpiresIn)
	if req.SkipVerify != nil {
		cw.SkipVerify = *req.SkipVerify
	}
	if req.IsExclusive != nil {
		cw.IsExclusive = *req.IsExclusive
	}
	if req.User != nil {
		cw.Users = append([]string(nil), req.User...)
	}
	if req.Party != nil {
		cw.Parties = append([]int(nil), req.Party...)
	}
	if len(req.Conclusions) > 0 && string(req.Conclusions) != "null" {
		cw.Conclusions = append(json.RawMessage(nil), req.Conclusions...)
	}
	return c.checkContactWay(cw)
}

func orDefault(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}
