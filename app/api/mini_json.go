package api

import (
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// miniLoginJSON answers a login: the session token and its member.
type miniLoginJSON struct {
	Token     string         `json:"token"`
	ExpiresAt time.Time      `json:"expires_at"`
	Member    miniMemberJSON `json:"member"`
}

// miniMemberJSON is a member as the consumer sees themselves: the phone
// masked, never the unionid or openid.
type miniMemberJSON struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	Phone         string `json:"phone"`
	PhoneVerified bool   `json:"phone_verified"`
	Points        int64  `json:"points"`
	Level         string `json:"level"`
	MemberNo      string `json:"member_no"`
}

func toMiniMember(m *app.Member) miniMemberJSON {
	return miniMemberJSON{ID: m.ID, Name: m.Name, Phone: m.PhoneMasked, PhoneVerified: m.PhoneVerified, Points: m.Points,
		Level: m.Tier, MemberNo: m.MemberNo}
}

// miniGuideJSON is the consumer's guide and store by name, and how to
// add them.
type miniGuideJSON struct {
	GuideName string `json:"guide_name"`
	StoreName string `json:"store_name"`
	How       string `json:"how"`
	QRCodeURL string `json:"qr_code_url"`
}
