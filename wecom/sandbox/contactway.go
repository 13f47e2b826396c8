package sandbox

import (
	"encoding/json"
	"fmt"
)

// ContactWay is a 「联系我」 configuration (channel QR code).
type ContactWay struct {
	ConfigID      string
	Type          int // 1 single member, 2 several
	Scene         int // 1 mini-program, 2 QR code
	Style         int
	Remark        string
	SkipVerify    bool
	State         string
	QRCode        string
	Users         []string
	Parties       []int
	IsTemp        bool
	ExpiresIn     int
	ChatExpiresIn int
	UnionID       string
	IsExclusive   bool
	CreateTime    int64
	// Conclusions is the conclusions object as sent, answered back as is.
	Conclusions json.RawMessage
}

// addState is the state an add records: the contact way's when one is
// named (after checking the member is on it), else the given one.
func (c *Corp) addState(a Add) (string, error) {
	if a.ConfigID == "" {
		return a.State, nil
	}
	cw := c.st.ext.contactWays[a.ConfigID]
	if cw == nil {
		return "", fmt.Errorf("sandbox: contact way %q: %w", a.ConfigID, ErrNotFound)
	}
	if !c.onContactWay(cw, a.UserID) {
		return "", fmt.Errorf("sandbox: member %q is not on contact way %q", a.UserID, a.ConfigID)
	}
	return cw.State, nil
}

func (c *Corp) onContactWay(cw *ContactWay, userID string) bool {
	if contains(cw.Users, userID) {
		return true
	}
	for _, d := range c.st.members[userID].Departments {
		for _, p := range cw.Parties {
			if d == p {
				return true
			}
		}
	}
	return false
}
