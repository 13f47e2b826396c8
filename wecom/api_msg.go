package wecom

import (
	"context"

	"github.com/silenceper/wechat/v2/work/externalcontact"
)

// Welcome-message and mass-send API names.
const (
	apiSendWelcome    = "externalcontact/send_welcome_msg"
	apiAddMsgTemplate = "externalcontact/add_msg_template"
	apiGroupMsgList   = "externalcontact/get_groupmsg_list_v2"
	apiGroupMsgTask   = "externalcontact/get_groupmsg_task"
	apiGroupMsgResult = "externalcontact/get_groupmsg_send_result"
	apiRemindGroupMsg = "externalcontact/remind_groupmsg_send"
	apiCancelGroupMsg = "externalcontact/cancel_groupmsg_send"
)

// Message types, the SDK's own.
type (
	// WelcomeMsgRequest is a welcome message for a welcome code (valid 20 s).
	WelcomeMsgRequest = externalcontact.SendWelcomeMsgRequest
	// MsgTemplateRequest creates a mass-send task (chat_type single|group).
	MsgTemplateRequest = externalcontact.AddMsgTemplateRequest
	// MsgText is a message's text part.
	MsgText = externalcontact.MsgText
	// Attachment is an image, link, mini-program, video or file attachment.
	Attachment = externalcontact.Attachment
	// AttachmentImg is an image attachment: an uploaded media_id or a URL.
	AttachmentImg = externalcontact.AttachmentImg
	// TagFilter selects mass-send customers by corp tags.
	TagFilter = externalcontact.TagFilter
	// GroupMsgListRequest filters get_groupmsg_list_v2 (span ≤ 1 month).
	GroupMsgListRequest = externalcontact.GetGroupMsgListV2Request
	// GroupMsg is a mass send as listed.
	GroupMsg = externalcontact.GroupMsg
	// GroupMsgTask is one member's share of a mass send.
	GroupMsgTask = externalcontact.Task
	// GroupMsgSend is one customer's or group's result of a mass send.
	GroupMsgSend = externalcontact.Send
)

// SendWelcomeMsg sends the welcome message for a new customer. 41050 (code
// expired) and 41051 (already chatting) come back as errors with ErrCode.
// WeCom takes a welcome code once, so a retry after an ambiguous failure
// cannot send twice; it answers 41096 or 41051 if the first one landed.
func (c *Client) SendWelcomeMsg(ctx context.Context, req WelcomeMsgRequest) error {
	return c.call(ctx, apiSendWelcome, true, func(s *session) error { return s.ext.SendWelcomeMsg(&req) })
}

// AddMsgTemplate creates a mass-send task and returns its msgid and the
// customers it could not include. It is retried only when WeCom surely did
// not create the task, so members never get the same task twice.
func (c *Client) AddMsgTemplate(ctx context.Context, req MsgTemplateRequest) (msgID string, failed []string, err error) {
	var resp *externalcontact.AddMsgTemplateResponse
	err = c.call(ctx, apiAddMsgTemplate, false, func(s *session) (err error) {
		resp, err = s.ext.AddMsgTemplate(&req)
		return err
	})
	if err != nil {
		return "", nil, err
	}
	return resp.MsgID, resp.FailList, nil
}

// GroupMsgs returns one page of mass sends and the next cursor.
func (c *Client) GroupMsgs(ctx context.Context, req GroupMsgListRequest) ([]*GroupMsg, string, error) {
	var resp *externalcontact.GetGroupMsgListV2Response
	err := c.call(ctx, apiGroupMsgList, true, func(s *session) (err error) {
		resp, err = s.ext.GetGroupMsgListV2(&req)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return resp.GroupMsgList, resp.NextCursor, nil
}

// GroupMsgTasks returns one page of a mass send's member tasks.
func (c *Client) GroupMsgTasks(ctx context.Context, msgID, cursor string, limit int) ([]*GroupMsgTask, string, error) {
	req := externalcontact.GetGroupMsgTaskRequest{MsgID: msgID, Cursor: cursor, Limit: limit}
	var resp *externalcontact.GetGroupMsgTaskResponse
	err := c.call(ctx, apiGroupMsgTask, true, func(s *session) (err error) {
		resp, err = s.ext.GetGroupMsgTask(&req)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return resp.TaskList, resp.NextCursor, nil
}
