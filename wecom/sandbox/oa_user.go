package sandbox

import (
	"strconv"
)

// apiOAUserInfo is user/info: 40003 for an openid the account never saw.
// A follower who left answers subscribe 0 and nothing else but the ids;
// unionid only when the corp's open platform is bound, as with WeCom.
func (c *Corp) apiOAUserInfo(q *call) (any, error) {
	f := c.oa.followers[q.query("openid")]
	if f == nil {
		return nil, failf(40003, "invalid openid")
	}
	out := map[string]any{"subscribe": 0, "openid": f.OpenID}
	if c.cfg.UnionIDBound && f.UnionID != "" {
		out["unionid"] = f.UnionID
	}
	if f.Subscribed {
		out["subscribe"], out["subscribe_time"], out["subscribe_scene"] = 1, f.SubscribeTime, f.SubscribeScene
		out["qr_scene_str"], out["language"], out["remark"], out["tagid_list"] = f.QRScene, "zh_CN", "", []int{}
	}
	return out, nil
}

// oaTemplateRequest is message/template/send's body.
type oaTemplateRequest struct {
	ToUser     string         `json:"touser"`
	TemplateID string         `json:"template_id"`
	URL        string         `json:"url"`
	Data       map[string]any `json:"data"`
}

// apiOATemplateSend sends a template message to a follower: 40003 for an
// unknown openid, 43004 for one not following, 40037 without a template.
// The result comes back as TEMPLATESENDJOBFINISH with the msgid.
func (c *Corp) apiOATemplateSend(q *call) (any, error) {
	var r oaTemplateRequest
	if err := q.decode(&r); err != nil {
		return nil, err
	}
	f := c.oa.followers[r.ToUser]
	switch {
	case f == nil:
		return nil, failf(40003, "invalid openid")
	case !f.Subscribed:
		return nil, failf(43004, "require subscribe")
	case r.TemplateID == "":
		return nil, failf(40037, "invalid template_id")
	}
	c.st.seq++
	msgID := c.st.seq
	c.emit(c.newOAEvent(f.OpenID, "TEMPLATESENDJOBFINISH", num("MsgID", msgID), text("Status", "success")))
	return map[string]any{"msgid": msgID}, nil
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
