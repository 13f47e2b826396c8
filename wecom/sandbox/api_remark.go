package sandbox

import "encoding/json"

// apiRemark overwrites the follow fields present in the body; absent ones
// are kept. An API edit produces no callback, as in WeCom.
func (c *Corp) apiRemark(q *call) (any, error) {
	var req struct {
		UserID         string   `json:"userid"`
		ExternalUserID string   `json:"external_userid"`
		Remark         *string  `json:"remark"`
		Description    *string  `json:"description"`
		RemarkCompany  *string  `json:"remark_company"`
		RemarkMobiles  []string `json:"remark_mobiles"`
	}
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	f, err := c.requireFollow(req.UserID, req.ExternalUserID)
	if err != nil {
		return nil, err
	}
	if err := checkRemark(req.Remark, req.Description); err != nil {
		return nil, err
	}
	setIf(&f.Remark, req.Remark)
	setIf(&f.Description, req.Description)
	setIf(&f.RemarkCorpName, req.RemarkCompany)
	if hasKey(q.body, "remark_mobiles") {
		f.RemarkMobiles = append([]string{}, req.RemarkMobiles...)
	}
	return nil, nil
}

// checkRemark applies WeCom's lengths: remark ≤20, description ≤150
// characters.
func checkRemark(remark, description *string) error {
	if remark != nil && len([]rune(*remark)) > 20 {
		return failf(40058, "remark exceeds 20 characters")
	}
	if description != nil && len([]rune(*description)) > 150 {
		return failf(40058, "description exceeds 150 characters")
	}
	return nil
}

func setIf(dst *string, v *string) {
	if v != nil {
		*dst = *v
	}
}

// hasKey reports whether a JSON object has a key (whatever its value).
func hasKey(body []byte, key string) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return false
	}
	_, ok := m[key]
	return ok
}
