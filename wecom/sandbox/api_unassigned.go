package sandbox

// apiGetUnassignedList pages through resigned members' customers that no
// transfer is moving yet.
func (c *Corp) apiGetUnassignedList(q *call) (any, error) {
	var req struct {
		Cursor   string `json:"cursor"`
		PageSize int    `json:"page_size"`
	}
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	type info struct {
		HandoverUserID string `json:"handover_userid"`
		ExternalUserID string `json:"external_userid"`
		DimissionTime  int64  `json:"dimission_time"`
	}
	var all []info
	for _, u := range c.st.memberIDs {
		m := c.st.members[u]
		if !m.Resigned {
			continue
		}
		for _, ext := range c.st.followsOf[u] {
			if !c.inTransfer(u, ext) {
				all = append(all, info{u, ext, m.ResignTime})
			}
		}
	}
	from, to, next, err := pageOf(req.Cursor, clampLimit(req.PageSize, 1000, 1000), len(all))
	if err != nil {
		return nil, err
	}
	return struct {
		Info       []info `json:"info"`
		IsLast     bool   `json:"is_last"`
		NextCursor string `json:"next_cursor,omitempty"`
	}{append([]info{}, all[from:to]...), next == "", next}, nil
}

func (c *Corp) inTransfer(handover, ext string) bool {
	for _, tr := range c.st.ext.transfers {
		if tr.Handover == handover && tr.ExternalUserID == ext && tr.Status == 2 {
			return true
		}
	}
	return false
}
