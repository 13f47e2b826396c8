package wecom

import (
	"context"

	"github.com/silenceper/wechat/v2/work/externalcontact"
)

// Customer-group API names.
const (
	apiGroupChats        = "externalcontact/groupchat/list"
	apiGroupChat         = "externalcontact/groupchat/get"
	apiGroupChatTransfer = "externalcontact/groupchat/transfer"
	apiGroupChatOnJob    = "externalcontact/groupchat/onjob_transfer"
)

// Customer-group types, the SDK's own.
type (
	// GroupChatListRequest filters groupchat/list by status and owners.
	GroupChatListRequest = externalcontact.GroupChatListRequest
	// OwnerFilter selects group owners (at most 100 user ids).
	OwnerFilter = externalcontact.OwnerFilter
	// GroupChatRef is a group id with its follow status.
	GroupChatRef = externalcontact.GroupChatList
	// GroupChat is a customer group with its members and admins.
	GroupChat = externalcontact.GroupChat
	// GroupChatMember is one member of a customer group.
	GroupChatMember = externalcontact.GroupChatMember
	// FailedChat is a group a transfer could not move, with its errcode.
	FailedChat = externalcontact.FailedChat
)

// GroupChats returns one page of customer groups; req.Limit is 1–1000.
func (c *Client) GroupChats(ctx context.Context, req GroupChatListRequest) ([]GroupChatRef, string, error) {
	var resp *externalcontact.GroupChatListResponse
	err := c.call(ctx, apiGroupChats, true, func(s *session) (err error) {
		resp, err = s.ext.GetGroupChatList(&req)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return resp.GroupChatList, resp.NextCursor, nil
}

// EachGroupChat pages through groupchat/list from req.Cursor, calling fn
// for every group; fn's error stops the walk.
func (c *Client) EachGroupChat(ctx context.Context, req GroupChatListRequest, fn func(GroupChatRef) error) error {
	if req.Limit == 0 {
		req.Limit = 1000
	}
	for {
		refs, next, err := c.GroupChats(ctx, req)
		if err != nil {
			return err
		}
		for _, ref := range refs {
			if err := fn(ref); err != nil {
				return err
			}
		}
		if req.Cursor = next; next == "" {
			return nil
		}
	}
}

// GroupChat returns a customer group; needName asks for members' names.
func (c *Client) GroupChat(ctx context.Context, chatID string, needName bool) (*GroupChat, error) {
	req := externalcontact.GroupChatDetailRequest{ChatID: chatID}
	if needName {
		req.NeedName = 1
	}
	var resp *externalcontact.GroupChatDetailResponse
	err := c.call(ctx, apiGroupChat, true, func(s *session) (err error) {
		resp, err = s.ext.GetGroupChatDetail(&req)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &resp.GroupChat, nil
}

// TransferGroupChats hands a resigned member's groups to newOwner and
// returns those WeCom could not move.
func (c *Client) TransferGroupChats(ctx context.Context, chatIDs []string, newOwner string) ([]FailedChat, error) {
	req := externalcontact.GroupChatTransferRequest{ChatIDList: chatIDs, NewOwner: newOwner}
	var resp *externalcontact.GroupChatTransferResponse
	err := c.call(ctx, apiGroupChatTransfer, true, func(s *session) (err error) {
		resp, err = s.ext.GroupChatTransfer(&req)
		return err
	})
	if err != nil {
		return nil, err
	}
	return resp.FailedChatList, nil
}

// OnJobTransferGroupChats hands a member's groups to newOwner while the
// member is still employed (分配在职成员的客户群, doc 95703; resigned
// owners' groups go through TransferGroupChats) and returns those WeCom
// could not move.
func (c *Client) OnJobTransferGroupChats(ctx context.Context, chatIDs []string, newOwner string) ([]FailedChat, error) {
	req := externalcontact.GroupChatOnJobTransferRequest{ChatIDList: chatIDs, NewOwner: newOwner}
	var resp *externalcontact.GroupChatOnJobTransferResponse
	err := c.call(ctx, apiGroupChatOnJob, true, func(s *session) (err error) {
		resp, err = s.ext.GroupChatOnJobTransfer(&req)
		return err
	})
	if err != nil {
		return nil, err
	}
	return resp.FailedChatList, nil
}
