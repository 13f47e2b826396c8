package wecom

import (
	"context"

	"github.com/silenceper/wechat/v2/work/externalcontact"
)

// GroupMsgSendResults returns one page of a member's results for a mass
// send: status 0 unsent, 1 sent, 2 not a friend, 3 over the receive limit.
func (c *Client) GroupMsgSendResults(ctx context.Context, msgID, userID, cursor string, limit int) ([]*GroupMsgSend, string, error) {
	req := externalcontact.GetGroupMsgSendResultRequest{MsgID: msgID, UserID: userID, Cursor: cursor, Limit: limit}
	var resp *externalcontact.GetGroupMsgSendResultResponse
	err := c.call(ctx, apiGroupMsgResult, true, func(s *session) (err error) {
		resp, err = s.ext.GetGroupMsgSendResult(&req)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return resp.SendList, resp.NextCursor, nil
}

// RemindGroupMsg reminds members to send a mass send (3 times a day at
// most; 41094 beyond).
func (c *Client) RemindGroupMsg(ctx context.Context, msgID string) error {
	req := externalcontact.RemindGroupMsgSendRequest{MsgID: msgID}
	return c.call(ctx, apiRemindGroupMsg, true, func(s *session) error { return s.ext.RemindGroupMsgSend(&req) })
}

// CancelGroupMsg stops a corp mass send.
func (c *Client) CancelGroupMsg(ctx context.Context, msgID string) error {
	req := externalcontact.CancelGroupMsgSendRequest{MsgID: msgID}
	return c.call(ctx, apiCancelGroupMsg, true, func(s *session) error { return s.ext.CancelGroupMsgSend(&req) })
}
