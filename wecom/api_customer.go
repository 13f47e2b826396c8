package wecom

import (
	"context"
	"net/url"

	"github.com/silenceper/wechat/v2/util"
	"github.com/silenceper/wechat/v2/work/externalcontact"
)

// API names, as counted in metrics and keyed in the rate limiter.
const (
	apiFollowUsers   = "externalcontact/get_follow_user_list"
	apiListCustomers = "externalcontact/list"
	apiGetCustomer   = "externalcontact/get"
	apiBatchByUser   = "externalcontact/batch/get_by_user"
	apiRemark        = "externalcontact/remark"
)

// Customer types, the SDK's own (aliases, so callers need not import it).
type (
	// ExternalUser is a customer's profile as externalcontact/get returns it.
	ExternalUser = externalcontact.ExternalUser
	// FollowUser is one member following a customer, with remark and tags.
	FollowUser = externalcontact.FollowUser
	// RemarkRequest is the body of externalcontact/remark.
	RemarkRequest = externalcontact.UpdateUserRemarkRequest
)

// CustomerDetail is a customer and every member following them.
type CustomerDetail struct {
	Customer    ExternalUser
	FollowUsers []FollowUser
}

// FollowUsers lists the members with customer contact enabled.
func (c *Client) FollowUsers(ctx context.Context) ([]string, error) {
	var ids []string
	err := c.call(ctx, apiFollowUsers, true, func(s *session) (err error) {
		ids, err = s.ext.GetFollowUserList()
		return err
	})
	return ids, err
}

// ListCustomers lists the external user ids of member userID's customers.
// A member without customers answers 84061; that is an empty list here.
func (c *Client) ListCustomers(ctx context.Context, userID string) ([]string, error) {
	var resp struct {
		util.CommonError
		ExternalUserID []string `json:"external_userid"`
	}
	err := c.call(ctx, apiListCustomers, true, func(s *session) error {
		return s.get("/cgi-bin/externalcontact/list", url.Values{"userid": {userID}}, &resp)
	})
	if ErrCode(err) == 84061 {
		return nil, nil
	}
	return resp.ExternalUserID, err
}

// GetCustomer returns a customer with all their followers, following
// next_cursor (WeCom pages followers beyond 500).
func (c *Client) GetCustomer(ctx context.Context, externalUserID string) (*CustomerDetail, error) {
	var out CustomerDetail
	for cursor := ""; ; {
		var page *externalcontact.ExternalUserDetailResponse
		err := c.call(ctx, apiGetCustomer, true, func(s *session) (err error) {
			page, err = s.ext.GetExternalUserDetail(externalUserID, cursor)
			return err
		})
		if err != nil {
			return nil, err
		}
		out.Customer = page.ExternalContact
		out.FollowUsers = append(out.FollowUsers, page.FollowUser...)
		if cursor = page.NextCursor; cursor == "" {
			return &out, nil
		}
	}
}

// Remark sets a member's remark, description and mobiles for a customer.
func (c *Client) Remark(ctx context.Context, req RemarkRequest) error {
	return c.call(ctx, apiRemark, true, func(s *session) error { return s.ext.UpdateUserRemark(req) })
}
