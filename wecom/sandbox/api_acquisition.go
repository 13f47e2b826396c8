package sandbox

import "slices"

// linkRequest is create_link's and update_link's body.
type linkRequest struct {
	LinkID     string     `json:"link_id"`
	LinkName   *string    `json:"link_name"`
	Range      *linkRange `json:"range"`
	SkipVerify *bool      `json:"skip_verify"`
}

// linkRange is the members a link routes to.
type linkRange struct {
	UserList       []string `json:"user_list"`
	DepartmentList []int    `json:"department_list"`
}

// wireLink is a link as create_link and get answer it.
type wireLink struct {
	LinkID     string `json:"link_id"`
	LinkName   string `json:"link_name"`
	URL        string `json:"url"`
	CreateTime int64  `json:"create_time"`
}

func wireLinkOf(l *AcquisitionLink) wireLink {
	return wireLink{LinkID: l.LinkID, LinkName: l.Name, URL: l.URL(), CreateTime: l.CreateTime}
}

// apiCreateLink creates a 获客链接: a name and a range are required,
// skip_verify defaults to true.
func (c *Corp) apiCreateLink(q *call) (any, error) {
	var req linkRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	l := &AcquisitionLink{SkipVerify: true, CreateTime: c.Now().Unix()}
	if req.LinkName == nil || *req.LinkName == "" || req.Range == nil {
		return nil, failf(40058, "link_name and range are required")
	}
	if err := c.applyLink(l, req); err != nil {
		return nil, err
	}
	l.LinkID = c.newID("cawcde")
	c.st.ext.links[l.LinkID] = l
	return struct {
		Link wireLink `json:"link"`
	}{wireLinkOf(l)}, nil
}

// applyLink sets what req gives on l, after checking the range: members
// with 客户联系 (60111), at most 500 of them (40058).
func (c *Corp) applyLink(l *AcquisitionLink, req linkRequest) error {
	next := *l
	if req.LinkName != nil {
		next.Name = *req.LinkName
	}
	if req.SkipVerify != nil {
		next.SkipVerify = *req.SkipVerify
	}
	if req.Range != nil {
		next.Users, next.Departments = slices.Clone(req.Range.UserList), slices.Clone(req.Range.DepartmentList)
	}
	for _, u := range next.Users {
		if m := c.st.members[u]; m == nil || !m.ContactEnabled {
			return fail(60111)
		}
	}
	switch n := len(c.linkMembers(&next)); {
	case len(next.Users)+len(next.Departments) == 0:
		return failf(40058, "range needs user_list or department_list")
	case n > maxLinkMembers:
		return failf(40058, "range covers %d members, at most %d", n, maxLinkMembers)
	}
	*l = next
	return nil
}

// linkOf finds a link by link_id (40058 for an unknown or deleted one).
func (c *Corp) linkOf(id string) (*AcquisitionLink, error) {
	if l := c.st.ext.links[id]; l != nil {
		return l, nil
	}
	return nil, failf(40058, "invalid link_id")
}

// apiGetLink answers a link with its range and skip_verify.
func (c *Corp) apiGetLink(q *call) (any, error) {
	var req linkRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	l, err := c.linkOf(req.LinkID)
	if err != nil {
		return nil, err
	}
	return struct {
		Link       wireLink  `json:"link"`
		Range      linkRange `json:"range"`
		SkipVerify bool      `json:"skip_verify"`
	}{wireLinkOf(l), linkRange{append([]string{}, l.Users...), append([]int{}, l.Departments...)}, l.SkipVerify}, nil
}

// apiUpdateLink changes what the request gives: name, range, skip_verify.
func (c *Corp) apiUpdateLink(q *call) (any, error) {
	var req linkRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	l, err := c.linkOf(req.LinkID)
	if err != nil {
		return nil, err
	}
	return nil, c.applyLink(l, req)
}

// apiDeleteLink deletes a link: clicks on it no longer reach anyone.
func (c *Corp) apiDeleteLink(q *call) (any, error) {
	var req linkRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	if _, err := c.linkOf(req.LinkID); err != nil {
		return nil, err
	}
	delete(c.st.ext.links, req.LinkID)
	return nil, nil
}
