package sandbox

// checkContactWay applies WeCom's rules for a 联系我 (errcodes 41039–41042,
// state and remark at most 30 characters, temporary ones single-member and
// at most 14 days).
func (c *Corp) checkContactWay(cw *ContactWay) error {
	const fortnight = 14 * 24 * 3600
	switch {
	case cw.Type != 1 && cw.Type != 2:
		return fail(41039)
	case cw.Scene != 1 && cw.Scene != 2:
		return fail(41040)
	case cw.Style < 0 || cw.Style > 10:
		return fail(41042)
	case len([]rune(cw.State)) > 30:
		return failf(40058, "state exceeds 30 characters")
	case len([]rune(cw.Remark)) > 30:
		return failf(40058, "remark exceeds 30 characters")
	case cw.Type == 1 && (len(cw.Users) != 1 || len(cw.Parties) > 0):
		return fail(41041)
	case cw.Type == 2 && (len(cw.Users)+len(cw.Parties) == 0 || len(cw.Users) > 100 || len(cw.Parties) > 100):
		return fail(41041)
	case cw.IsTemp && (cw.Type != 1 || cw.ExpiresIn > fortnight || cw.ChatExpiresIn > fortnight):
		return failf(40058, "a temporary contact way is single-member and lasts at most 14 days")
	}
	for _, u := range cw.Users {
		if m := c.st.members[u]; m == nil || !m.ContactEnabled {
			return fail(60111)
		}
	}
	return nil
}

// contactWayOf finds a contact way by config_id (41043 missing, 41044
// unknown).
func (c *Corp) contactWayOf(id string) (*ContactWay, error) {
	if id == "" {
		return nil, fail(41043)
	}
	cw := c.st.ext.contactWays[id]
	if cw == nil {
		return nil, fail(41044)
	}
	return cw, nil
}
