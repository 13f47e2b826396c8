package sandbox

import "time"

type transferRequest struct {
	HandoverUserID     string   `json:"handover_userid"`
	TakeoverUserID     string   `json:"takeover_userid"`
	ExternalUserID     []string `json:"external_userid"`
	TransferSuccessMsg string   `json:"transfer_success_msg"`
}

type transferItem struct {
	ExternalUserID string `json:"external_userid"`
	ErrCode        int    `json:"errcode"`
}

// apiTransferCustomer starts 在职继承 for up to 100 customers.
func (c *Corp) apiTransferCustomer(q *call) (any, error) {
	return c.startTransfers(q, false)
}

// apiResignedTransferCustomer starts 离职继承 for up to 100 customers.
func (c *Corp) apiResignedTransferCustomer(q *call) (any, error) {
	return c.startTransfers(q, true)
}

func (c *Corp) startTransfers(q *call, resigned bool) (any, error) {
	var req transferRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	if err := c.checkTransfer(req, resigned); err != nil {
		return nil, err
	}
	out := make([]transferItem, 0, len(req.ExternalUserID))
	for _, ext := range req.ExternalUserID {
		code := c.transferCode(req.HandoverUserID, ext, resigned)
		if code == 0 {
			c.st.ext.transfers = append(c.st.ext.transfers, &Transfer{
				ExternalUserID: ext, Handover: req.HandoverUserID, Takeover: req.TakeoverUserID,
				Resigned: resigned, Message: req.TransferSuccessMsg, StartTime: c.Now().Unix(), Status: 2,
			})
		}
		out = append(out, transferItem{ext, code})
	}
	return struct {
		Customer []transferItem `json:"customer"`
	}{out}, nil
}

func (c *Corp) checkTransfer(req transferRequest, resigned bool) error {
	if len(req.ExternalUserID) == 0 || len(req.ExternalUserID) > 100 {
		return failf(40058, "external_userid must hold 1 to 100 ids")
	}
	if len([]rune(req.TransferSuccessMsg)) > 200 {
		return failf(40058, "transfer_success_msg exceeds 200 characters")
	}
	if err := c.requireMember(req.HandoverUserID); err != nil {
		return err
	}
	if c.st.members[req.HandoverUserID].Resigned != resigned {
		return failf(40058, "handover_userid resigned=%v does not fit this API", !resigned)
	}
	if m := c.st.members[req.TakeoverUserID]; m == nil || m.Resigned || !m.ContactEnabled ||
		req.TakeoverUserID == req.HandoverUserID {
		return fail(60111)
	}
	return nil
}

// transferCode is the per-customer errcode of a transfer request.
func (c *Corp) transferCode(handover, ext string, resigned bool) int {
	if c.st.customers[ext] == nil {
		return 40096
	}
	if c.st.follow(handover, ext) == nil {
		return 40131
	}
	since := c.Now().Add(-90 * 24 * time.Hour).Unix()
	recent := 0
	for _, tr := range c.st.ext.transfers {
		if tr.ExternalUserID != ext {
			continue
		}
		if tr.Status == 2 {
			return 40129
		}
		if !tr.Resigned && tr.StartTime >= since {
			recent++
		}
	}
	if !resigned && recent >= 2 {
		return 40128
	}
	return 0
}

// apiTransferResult lists the transfers between two members.
func (c *Corp) apiTransferResult(q *call) (any, error) { return c.transferResult(q, false) }

// apiResignedTransferResult lists the 离职继承 between two members.
func (c *Corp) apiResignedTransferResult(q *call) (any, error) { return c.transferResult(q, true) }

func (c *Corp) transferResult(q *call, resigned bool) (any, error) {
	var req struct {
		HandoverUserID string `json:"handover_userid"`
		TakeoverUserID string `json:"takeover_userid"`
		Cursor         string `json:"cursor"`
	}
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	type item struct {
		ExternalUserID string `json:"external_userid"`
		Status         int    `json:"status"`
		TakeoverTime   int64  `json:"takeover_time"`
	}
	var all []item
	for _, tr := range c.st.ext.transfers {
		if tr.Resigned == resigned && tr.Handover == req.HandoverUserID && tr.Takeover == req.TakeoverUserID {
			all = append(all, item{tr.ExternalUserID, tr.Status, tr.TakeoverTime})
		}
	}
	from, to, next, err := pageOf(req.Cursor, 1000, len(all))
	if err != nil {
		return nil, err
	}
	return struct {
		Customer   []item `json:"customer"`
		NextCursor string `json:"next_cursor,omitempty"`
	}{append([]item{}, all[from:to]...), next}, nil
}
