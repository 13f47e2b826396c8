package wecom

import (
	"context"

	"github.com/silenceper/wechat/v2/util"
	"github.com/silenceper/wechat/v2/work/externalcontact"
)

// Tag API names.
const (
	apiCorpTags      = "externalcontact/get_corp_tag_list"
	apiAddCorpTag    = "externalcontact/add_corp_tag"
	apiEditCorpTag   = "externalcontact/edit_corp_tag"
	apiDeleteCorpTag = "externalcontact/del_corp_tag"
	apiMarkTag       = "externalcontact/mark_tag"
)

// CorpTagGroup is a corp tag group with its tags. Ours rather than the
// SDK's, whose group order is read from "group_order" while WeCom sends
// "order".
type CorpTagGroup struct {
	GroupID    string    `json:"group_id"`
	GroupName  string    `json:"group_name"`
	CreateTime int64     `json:"create_time"`
	Order      int64     `json:"order"`
	Deleted    bool      `json:"deleted"`
	Tags       []CorpTag `json:"tag"`
}

// CorpTag is one corp tag.
type CorpTag struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	CreateTime int64  `json:"create_time"`
	Order      int64  `json:"order"`
	Deleted    bool   `json:"deleted"`
}

// AddCorpTagRequest adds tags to a group (GroupID) or creates the group
// (GroupName); tag names are at most 30 characters.
type AddCorpTagRequest = externalcontact.AddCropTagRequest

// AddCorpTagItem is one tag to add.
type AddCorpTagItem = externalcontact.AddCropTagItem

// MarkTagRequest adds and removes corp tags on a member's customer.
type MarkTagRequest = externalcontact.MarkTagRequest

// CorpTags lists corp tag groups; empty filters mean all.
func (c *Client) CorpTags(ctx context.Context, tagIDs, groupIDs []string) ([]CorpTagGroup, error) {
	req := externalcontact.GetCropTagRequest{TagID: tagIDs, GroupID: groupIDs}
	var resp struct {
		util.CommonError
		TagGroup []CorpTagGroup `json:"tag_group"`
	}
	err := c.call(ctx, apiCorpTags, true, func(s *session) error {
		return s.post("/cgi-bin/externalcontact/get_corp_tag_list", req, &resp)
	})
	return resp.TagGroup, err
}

// AddCorpTag adds tags and returns the group as WeCom stored it, with ids.
func (c *Client) AddCorpTag(ctx context.Context, req AddCorpTagRequest) (*CorpTagGroup, error) {
	var resp struct {
		util.CommonError
		TagGroup CorpTagGroup `json:"tag_group"`
	}
	err := c.call(ctx, apiAddCorpTag, false, func(s *session) error {
		return s.post("/cgi-bin/externalcontact/add_corp_tag", req, &resp)
	})
	if err != nil {
		return nil, err
	}
	return &resp.TagGroup, nil
}

// EditCorpTag renames and reorders a tag or a group (id is either).
func (c *Client) EditCorpTag(ctx context.Context, id, name string, order int) error {
	req := externalcontact.EditCropTagRequest{ID: id, Name: name, Order: order}
	return c.call(ctx, apiEditCorpTag, true, func(s *session) error { return s.ext.EditCropTag(req) })
}

// DeleteCorpTags deletes tags and whole groups.
func (c *Client) DeleteCorpTags(ctx context.Context, tagIDs, groupIDs []string) error {
	req := externalcontact.DeleteCropTagRequest{TagID: tagIDs, GroupID: groupIDs}
	return c.call(ctx, apiDeleteCorpTag, true, func(s *session) error { return s.ext.DeleteCropTag(req) })
}

// MarkTag adds and removes corp tags on a customer as seen by a member.
func (c *Client) MarkTag(ctx context.Context, req MarkTagRequest) error {
	return c.call(ctx, apiMarkTag, true, func(s *session) error { return s.ext.MarkTag(req) })
}
