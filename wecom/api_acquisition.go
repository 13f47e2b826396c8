package wecom

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/silenceper/wechat/v2/util"

	"github.com/siyu-scrm/siyu/app"
)

// 获客链接 API names (获客助手).
const (
	apiCreateLink = "externalcontact/customer_acquisition/create_link"
	apiGetLink    = "externalcontact/customer_acquisition/get"
	apiUpdateLink = "externalcontact/customer_acquisition/update_link"
	apiDeleteLink = "externalcontact/customer_acquisition/delete_link"
)

// MaxCustomerChannel is the longest customer_channel, in bytes, a click
// carries into the add's state.
const MaxCustomerChannel = 64

// AcquisitionLink is a 获客链接: a URL (no QR code) that opens a chat with
// one of its members in WeChat. Unlike a 联系我 config, one link serves
// every inviter: each shares URL?customer_channel=<key> (LinkWithChannel)
// and the key comes back as the add_external_contact callback's State and
// the follow's state in externalcontact/get. Links draw on a paid usage
// quota, not on the 500,000 configs 联系我 and 加入群聊 share. WeCom's
// 获客助手 documentation names a self-built app on the 可调用应用 list (not
// the 客户联系 secret) as the caller, so call these through
// Registry.AppClient; the sandbox does not check which secret.
type AcquisitionLink struct {
	LinkID string
	Name   string
	// Users and Departments are who clicks reach (at most 500 members,
	// each with 客户联系).
	Users       []string
	Departments []int
	// SkipVerify adds the customer without the member's confirmation;
	// it is always sent (WeCom's default when omitted is true).
	SkipVerify bool
	// URL and CreateTime are read back, never sent.
	URL        string
	CreateTime time.Time
}

// wireLinkBody is create_link's and update_link's request.
type wireLinkBody struct {
	LinkID     string        `json:"link_id,omitempty"`
	LinkName   string        `json:"link_name"`
	Range      wireLinkRange `json:"range"`
	SkipVerify bool          `json:"skip_verify"`
}

type wireLinkRange struct {
	UserList       []string `json:"user_list,omitempty"`
	DepartmentList []int    `json:"department_list,omitempty"`
}

// wireLink is the link object create_link and get answer.
type wireLink struct {
	LinkID     string `json:"link_id"`
	LinkName   string `json:"link_name"`
	URL        string `json:"url"`
	CreateTime int64  `json:"create_time"`
}

func bodyOf(l AcquisitionLink) wireLinkBody {
	return wireLinkBody{LinkID: l.LinkID, LinkName: l.Name, SkipVerify: l.SkipVerify,
		Range: wireLinkRange{UserList: l.Users, DepartmentList: l.Departments}}
}

// CreateAcquisitionLink creates a link and returns it with its id and
// URL. Not retried after an unknown outcome: a second try would make a
// second link.
func (c *Client) CreateAcquisitionLink(ctx context.Context, l AcquisitionLink) (*AcquisitionLink, error) {
	l.LinkID = ""
	var resp struct {
		util.CommonError
		Link wireLink `json:"link"`
	}
	err := c.call(ctx, apiCreateLink, false, func(s *session) error { return s.post("/cgi-bin/"+apiCreateLink, bodyOf(l), &resp) })
	if err != nil {
		return nil, err
	}
	l.LinkID, l.URL, l.CreateTime = resp.Link.LinkID, resp.Link.URL, time.Unix(resp.Link.CreateTime, 0)
	return &l, nil
}

// GetAcquisitionLink reads a link with its range and URL.
func (c *Client) GetAcquisitionLink(ctx context.Context, linkID string) (*AcquisitionLink, error) {
	var resp struct {
		util.CommonError
		Link       wireLink      `json:"link"`
		Range      wireLinkRange `json:"range"`
		SkipVerify bool          `json:"skip_verify"`
	}
	err := c.call(ctx, apiGetLink, true, func(s *session) error {
		return s.post("/cgi-bin/"+apiGetLink, map[string]string{"link_id": linkID}, &resp)
	})
	if err != nil {
		return nil, err
	}
	return &AcquisitionLink{LinkID: resp.Link.LinkID, Name: resp.Link.LinkName, URL: resp.Link.URL,
		CreateTime: time.Unix(resp.Link.CreateTime, 0), Users: resp.Range.UserList,
		Departments: resp.Range.DepartmentList, SkipVerify: resp.SkipVerify}, nil
}

// UpdateAcquisitionLink overwrites link l.LinkID's name, range and
// skip_verify; its URL stays, so links already shared keep working.
func (c *Client) UpdateAcquisitionLink(ctx context.Context, l AcquisitionLink) error {
	var resp struct{ util.CommonError }
	return c.call(ctx, apiUpdateLink, true, func(s *session) error { return s.post("/cgi-bin/"+apiUpdateLink, bodyOf(l), &resp) })
}

// DeleteAcquisitionLink deletes a link: shared URLs stop adding anyone.
func (c *Client) DeleteAcquisitionLink(ctx context.Context, linkID string) error {
	var resp struct{ util.CommonError }
	return c.call(ctx, apiDeleteLink, true, func(s *session) error {
		return s.post("/cgi-bin/"+apiDeleteLink, map[string]string{"link_id": linkID}, &resp)
	})
}

// LinkWithChannel is link's URL carrying channel as customer_channel:
// what one inviter shares. A channel over MaxCustomerChannel bytes is
// EINVALID (WeCom would not carry it whole), as is a link URL that does
// not parse.
func LinkWithChannel(linkURL, channel string) (string, error) {
	if len(channel) > MaxCustomerChannel {
		return "", app.Errorf(app.EINVALID, "customer_channel 最长 %d 字节", MaxCustomerChannel)
	}
	u, err := url.Parse(linkURL)
	if err == nil && u.Host == "" {
		err = errors.New("no host")
	}
	if err != nil {
		return "", app.Wrap(app.EINVALID, fmt.Errorf("link url %q: %w", linkURL, err), "获客链接地址无效")
	}
	q := u.Query()
	q.Set("customer_channel", channel)
	u.RawQuery = q.Encode()
	return u.String(), nil
}
