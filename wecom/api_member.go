package wecom

import (
	"context"
	"net/url"

	"github.com/silenceper/wechat/v2/util"
)

// apiMember reads one member's details (user/get).
const apiMember = "user/get"

// MemberName returns the name WeCom shows for member userID, or "" when
// WeCom does not tell it (an app without contact-read rights may be
// answered the userid in place of the name). A member outside the app's
// visible range answers ErrMemberOutOfScope (EFORBIDDEN), an unknown one
// ENOTFOUND.
func (c *Client) MemberName(ctx context.Context, userID string) (string, error) {
	var resp struct {
		util.CommonError
		UserID string `json:"userid"`
		Name   string `json:"name"`
	}
	err := c.call(ctx, apiMember, true, func(s *session) error {
		return s.get("/cgi-bin/user/get", url.Values{"userid": {userID}}, &resp)
	})
	if err != nil || resp.Name == userID {
		return "", err
	}
	return resp.Name, nil
}
