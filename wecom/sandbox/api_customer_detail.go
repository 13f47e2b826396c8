package sandbox

// followPage is how many follow_user entries externalcontact/get answers
// before it pages with next_cursor.
const followPage = 500

// wireFollowBase holds the follow fields common to get and batch.
type wireFollowBase struct {
	UserID         string   `json:"userid"`
	Remark         string   `json:"remark"`
	Description    string   `json:"description"`
	CreateTime     int64    `json:"createtime"`
	RemarkCorpName string   `json:"remark_corp_name,omitempty"`
	RemarkMobiles  []string `json:"remark_mobiles"`
	OperUserID     string   `json:"oper_userid"`
	AddWay         int      `json:"add_way"`
	State          string   `json:"state,omitempty"`
}

// wireFollowUser is follow_user[] in externalcontact/get.
type wireFollowUser struct {
	wireFollowBase
	Tags []wireFollowTag `json:"tags"`
}

// wireFollowInfo is follow_info in batch/get_by_user.
type wireFollowInfo struct {
	wireFollowBase
	TagID []string `json:"tag_id"`
}

type wireFollowTag struct {
	GroupName string `json:"group_name"`
	TagName   string `json:"tag_name"`
	TagID     string `json:"tag_id"`
	Type      int    `json:"type"`
}

func followBase(f *Follow) wireFollowBase {
	return wireFollowBase{
		UserID: f.UserID, Remark: f.Remark, Description: f.Description, CreateTime: f.CreateTime,
		RemarkCorpName: f.RemarkCorpName, RemarkMobiles: append([]string{}, f.RemarkMobiles...),
		OperUserID: f.OperUserID, AddWay: f.AddWay, State: f.State,
	}
}

func (c *Corp) wireFollowUser(f *Follow) wireFollowUser {
	tags := []wireFollowTag{}
	for _, id := range f.TagIDs {
		if g, i := c.st.tag(id); g != nil {
			tags = append(tags, wireFollowTag{GroupName: g.GroupName, TagName: g.Tags[i].Name, TagID: id, Type: 1})
		}
	}
	return wireFollowUser{wireFollowBase: followBase(f), Tags: tags}
}

// apiGet answers one customer with its followers, 500 per page.
func (c *Corp) apiGet(q *call) (any, error) {
	id := q.query("external_userid")
	if id == "" {
		return nil, fail(41035)
	}
	cu := c.st.customers[id]
	if cu == nil {
		return nil, fail(40096)
	}
	followers := c.st.followersOf[id]
	if len(followers) == 0 {
		return nil, fail(84061)
	}
	from, to, next, err := pageOf(q.query("cursor"), followPage, len(followers))
	if err != nil {
		return nil, err
	}
	out := make([]wireFollowUser, 0, to-from)
	for _, userID := range followers[from:to] {
		out = append(out, c.wireFollowUser(c.st.follow(userID, id)))
	}
	return struct {
		ExternalContact wireCustomer     `json:"external_contact"`
		FollowUser      []wireFollowUser `json:"follow_user"`
		NextCursor      string           `json:"next_cursor,omitempty"`
	}{c.wireCustomer(cu), out, next}, nil
}

type batchRequest struct {
	UserIDList []string `json:"userid_list"`
	Cursor     string   `json:"cursor"`
	Limit      int      `json:"limit"`
}

type batchItem struct {
	ExternalContact wireCustomer   `json:"external_contact"`
	FollowInfo      wireFollowInfo `json:"follow_info"`
}

// apiBatchGetByUser pages through the follows of up to 100 members, in
// member order then add order.
func (c *Corp) apiBatchGetByUser(q *call) (any, error) {
	var req batchRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	if len(req.UserIDList) == 0 || len(req.UserIDList) > 100 {
		return nil, failf(40058, "userid_list must hold 1 to 100 userids")
	}
	total := 0
	for _, u := range req.UserIDList {
		if err := c.requireMember(u); err != nil {
			return nil, err
		}
		total += len(c.st.followsOf[u])
	}
	from, to, next, err := pageOf(req.Cursor, clampLimit(req.Limit, 50, 100), total)
	if err != nil {
		return nil, err
	}
	return struct {
		ExternalContactList []batchItem `json:"external_contact_list"`
		NextCursor          string      `json:"next_cursor"`
	}{c.batchSlice(req.UserIDList, from, to), next}, nil
}

// batchSlice returns items [from, to) of the members' follows laid end to
// end, skipping whole members rather than listing everything first.
func (c *Corp) batchSlice(userIDs []string, from, to int) []batchItem {
	items := make([]batchItem, 0, to-from)
	pos := 0
	for _, u := range userIDs {
		exts := c.st.followsOf[u]
		lo, hi := max(from-pos, 0), min(to-pos, len(exts))
		for i := lo; i < hi; i++ {
			items = append(items, c.batchItem(c.st.follow(u, exts[i])))
		}
		pos += len(exts)
		if pos >= to {
			break
		}
	}
	return items
}

func (c *Corp) batchItem(f *Follow) batchItem {
	tags := []string{}
	for _, id := range f.TagIDs {
		if g, _ := c.st.tag(id); g != nil {
			tags = append(tags, id)
		}
	}
	return batchItem{
		ExternalContact: c.wireCustomer(c.st.customers[f.ExternalUserID]),
		FollowInfo:      wireFollowInfo{wireFollowBase: followBase(f), TagID: tags},
	}
}
