package wecom

import (
	"context"
	"time"

	"github.com/silenceper/wechat/v2/work/externalcontact"
)

// 「联系我」 API names.
const (
	apiAddContactWay    = "externalcontact/add_contact_way"
	apiGetContactWay    = "externalcontact/get_contact_way"
	apiUpdateContactWay = "externalcontact/update_contact_way"
	apiDelContactWay    = "externalcontact/del_contact_way"
	apiListContactWay   = "externalcontact/list_contact_way"
)

// 「联系我」 types, the SDK's own. Note that the SDK always sends
// skip_verify, so leaving SkipVerify false asks WeCom to verify each
// friend request (WeCom's own default is not to).
type (
	// AddContactWayRequest configures a new 「联系我」 (state ≤ 30 chars).
	AddContactWayRequest = externalcontact.AddContactWayRequest
	// UpdateContactWayRequest overwrites a 「联系我」 configuration.
	UpdateContactWayRequest = externalcontact.UpdateContactWayRequest
	// ContactWay is a stored 「联系我」 configuration.
	ContactWay = externalcontact.ContactWay
	// ContactWayConclusions is the message ending a temporary chat.
	ContactWayConclusions = externalcontact.ConclusionsRequest
)

// AddContactWay creates a 「联系我」 and returns its config id and, for
// QR-code scenes, the QR code URL. It is retried only when WeCom surely
// did not create it, so a timeout never leaves two.
func (c *Client) AddContactWay(ctx context.Context, req AddContactWayRequest) (configID, qrCode string, err error) {
	var resp *externalcontact.AddContactWayResponse
	err = c.call(ctx, apiAddContactWay, false, func(s *session) (err error) {
		resp, err = s.ext.AddContactWay(&req)
		return err
	})
	if err != nil {
		return "", "", err
	}
	return resp.ConfigID, resp.QrCode, nil
}

// ContactWay returns a 「联系我」 configuration.
func (c *Client) ContactWay(ctx context.Context, configID string) (*ContactWay, error) {
	var resp *externalcontact.GetContactWayResponse
	err := c.call(ctx, apiGetContactWay, true, func(s *session) (err error) {
		resp, err = s.ext.GetContactWay(&externalcontact.GetContactWayRequest{ConfigID: configID})
		return err
	})
	if err != nil {
		return nil, err
	}
	return &resp.ContactWay, nil
}

// UpdateContactWay overwrites a 「联系我」 configuration.
func (c *Client) UpdateContactWay(ctx context.Context, req UpdateContactWayRequest) error {
	return c.call(ctx, apiUpdateContactWay, true, func(s *session) error {
		_, err := s.ext.UpdateContactWay(&req)
		return err
	})
}

// DeleteContactWay deletes a 「联系我」 configuration.
func (c *Client) DeleteContactWay(ctx context.Context, configID string) error {
	return c.call(ctx, apiDelContactWay, true, func(s *session) error {
		_, err := s.ext.DelContactWay(&externalcontact.DelContactWayRequest{ConfigID: configID})
		return err
	})
}

// ListContactWays returns the config ids of the non-temporary 「联系我」
// created between from and to (WeCom's clock, second precision), every
// page of them.
func (c *Client) ListContactWays(ctx context.Context, from, to time.Time) ([]string, error) {
	req := externalcontact.ListContactWayRequest{StartTime: int(from.Unix()), EndTime: int(to.Unix()), Limit: 1000}
	var ids []string
	for {
		var resp *externalcontact.ListContactWayResponse
		err := c.call(ctx, apiListContactWay, true, func(s *session) (err error) {
			resp, err = s.ext.ListContactWay(&req)
			return err
		})
		if err != nil {
			return nil, err
		}
		for _, cw := range resp.ContactWay {
			ids = append(ids, cw.ConfigID)
		}
		if resp.NextCursor == "" {
			return ids, nil
		}
		req.Cursor = resp.NextCursor
	}
}
