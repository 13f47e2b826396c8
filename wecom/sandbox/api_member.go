package sandbox

// apiUserGet answers user/get: a member's userid, name, departments and
// status (1 active, 5 resigned). An app outside the member's visible
// range is answered 60011 by WeCom: tests inject that fault.
func (c *Corp) apiUserGet(q *call) (any, error) {
	m := c.st.members[q.query("userid")]
	if m == nil {
		return nil, fail(60111)
	}
	status := 1
	if m.Resigned {
		status = 5
	}
	return struct {
		UserID     string `json:"userid"`
		Name       string `json:"name"`
		Department []int  `json:"department"`
		Status     int    `json:"status"`
	}{m.UserID, m.Name, append([]int{}, m.Departments...), status}, nil
}
