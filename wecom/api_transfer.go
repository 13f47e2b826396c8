package wecom

import (
	"context"

	"github.com/silenceper/wechat/v2/work/externalcontact"
)

// Transfer API names.
const (
	apiTransferCustomer   = "externalcontact/transfer_customer"
	apiTransferResult     = "externalcontact/transfer_result"
	apiResignedTransfer   = "externalcontact/resigned/transfer_customer"
	apiResignedResult     = "externalcontact/resigned/transfer_result"
	apiUnassignedCustomer = "externalcontact/get_unassigned_list"
)

// Transfer types, the SDK's own.
type (
	// TransferRequest moves up to 100 customers from one member to another.
	TransferRequest = externalcontact.TransferCustomerRequest
	// TransferItem is one customer's answer: errcode 0 means the takeover
	// starts (WeCom completes it after 24 hours).
	TransferItem = externalcontact.TransferCustomerItem
	// TransferResultItem is a customer's transfer status (1 done, 2 waiting,
	// 3 refused, 4 takeover member full, 5 no record).
	TransferResultItem = externalcontact.TransferResultItem
	// UnassignedCustomer is a resigned member's customer awaiting a new one.
	UnassignedCustomer = externalcontact.UnassignedListInfo
)

// TransferCustomers starts an on-job transfer (在职继承). Per-customer
// failures (40128 too frequent…) are in the items, not the error.
func (c *Client) TransferCustomers(ctx context.Context, req TransferRequest) ([]TransferItem, error) {
	var resp *externalcontact.TransferCustomerResponse
	err := c.call(ctx, apiTransferCustomer, true, func(s *session) (err error) {
		resp, err = s.ext.TransferCustomer(&req)
		return err
	})
	if err != nil {
		return nil, err
	}
	return resp.Customer, nil
}

// TransferResults returns one page of on-job transfer statuses.
func (c *Client) TransferResults(ctx context.Context, handover, takeover, cursor string) ([]TransferResultItem, string, error) {
	req := externalcontact.TransferResultRequest{HandoverUserID: handover, TakeoverUserID: takeover, Cursor: cursor}
	var resp *externalcontact.TransferResultResponse
	err := c.call(ctx, apiTransferResult, true, func(s *session) (err error) {
		resp, err = s.ext.TransferResult(&req)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return resp.Customer, resp.NextCursor, nil
}

// ResignedTransferCustomers starts a resigned-member transfer (离职继承);
// req.TransferSuccessMsg is not sent (WeCom has none for it).
func (c *Client) ResignedTransferCustomers(ctx context.Context, req TransferRequest) ([]TransferItem, error) {
	body := externalcontact.ResignedTransferCustomerRequest{HandoverUserID: req.HandoverUserID, TakeoverUserID: req.TakeoverUserID, ExternalUserID: req.ExternalUserID}
	var resp *externalcontact.ResignedTransferCustomerResponse
	err := c.call(ctx, apiResignedTransfer, true, func(s *session) (err error) {
		resp, err = s.ext.ResignedTransferCustomer(&body)
		return err
	})
	if err != nil {
		return nil, err
	}
	return resp.Customer, nil
}

// ResignedTransferResults returns one page of resigned-transfer statuses.
func (c *Client) ResignedTransferResults(ctx context.Context, handover, takeover, cursor string) ([]TransferResultItem, string, error) {
	req := externalcontact.ResignedTransferResultRequest{HandoverUserID: handover, TakeoverUserID: takeover, Cursor: cursor}
	var resp *externalcontact.ResignedTransferResultResponse
	err := c.call(ctx, apiResignedResult, true, func(s *session) (err error) {
		resp, err = s.ext.ResignedTransferResult(&req)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return resp.Customer, resp.NextCursor, nil
}

// UnassignedCustomers returns one page of resigned members' customers not
// yet handed over; pageSize is at most 1000.
func (c *Client) UnassignedCustomers(ctx context.Context, cursor string, pageSize int) ([]UnassignedCustomer, string, error) {
	req := externalcontact.GetUnassignedListRequest{Cursor: cursor, PageSize: pageSize}
	var resp *externalcontact.GetUnassignedListResponse
	err := c.call(ctx, apiUnassignedCustomer, true, func(s *session) (err error) {
		resp, err = s.ext.GetUnassignedList(&req)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	if resp.IsLast {
		return resp.Info, "", nil
	}
	return resp.Info, resp.NextCursor, nil
}
