package wecom

import (
	"context"

	"github.com/silenceper/wechat/v2/util"
	"github.com/silenceper/wechat/v2/work/externalcontact"
)

// BatchCustomer is one customer–follower pair from batch/get_by_user.
type BatchCustomer struct {
	Customer ExternalContact `json:"external_contact"`
	Follow   FollowInfo      `json:"follow_info"`
}

// ExternalContact is a customer's profile in batch answers.
type ExternalContact = externalcontact.ExternalContact

// FollowInfo is the follower's side of a batch answer. The SDK's type lacks
// state, the 「联系我」 state the customer was added through, which
// attribution needs.
type FollowInfo struct {
	externalcontact.FollowInfo
	State string `json:"state"`
}

// BatchCustomersPage is one page of batch/get_by_user.
type BatchCustomersPage struct {
	Customers  []BatchCustomer
	NextCursor string
}

// BatchCustomers returns one page of the customers of up to 100 members;
// limit is at most 100 (0 means WeCom's default, 50).
func (c *Client) BatchCustomers(ctx context.Context, userIDs []string, cursor string, limit int) (BatchCustomersPage, error) {
	req := externalcontact.BatchGetExternalUserDetailsRequest{UserIDList: userIDs, Cursor: cursor, Limit: limit}
	var resp struct {
		util.CommonError
		ExternalContactList []BatchCustomer `json:"external_contact_list"`
		NextCursor          string          `json:"next_cursor"`
	}
	err := c.call(ctx, apiBatchByUser, true, func(s *session) error {
		return s.post("/cgi-bin/externalcontact/batch/get_by_user", req, &resp)
	})
	return BatchCustomersPage{Customers: resp.ExternalContactList, NextCursor: resp.NextCursor}, err
}

// EachBatchCustomer pages through batch/get_by_user for userIDs (≤ 100),
// calling fn for every customer–follower pair; fn's error stops the walk.
func (c *Client) EachBatchCustomer(ctx context.Context, userIDs []string, fn func(BatchCustomer) error) error {
	for cursor := ""; ; {
		page, err := c.BatchCustomers(ctx, userIDs, cursor, 100)
		if err != nil {
			return err
		}
		for _, bc := range page.Customers {
			if err := fn(bc); err != nil {
				return err
			}
		}
		if cursor = page.NextCursor; cursor == "" {
			return nil
		}
	}
}
