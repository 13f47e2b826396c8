package app

import (
	"context"
	"time"
)

// Corp is one WeCom enterprise using Siyu. Its ID scopes every other record:
// no query may cross from one corp's data into another's.
type Corp struct {
	ID       int64
	CorpID   string // WeCom corpid
	Name     string
	Timezone string // IANA zone for display; storage is always UTC
	AgentID  string // the self-built app's agent id (side panel, JS-SDK)

	// WeCom credentials. They are sealed at rest by the store and never
	// serialised to clients.
	ContactSecret  string `json:"-"` // 客户联系 secret
	AgentSecret    string `json:"-"` // self-built app secret
	CallbackToken  string `json:"-"` // Token of the receive-event URL
	EncodingAESKey string `json:"-"` // EncodingAESKey of the receive-event URL

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Validate checks the fields a user supplies.
func (c *Corp) Validate() error {
	switch {
	case c.CorpID == "" || len(c.CorpID) > 64:
		return Errorf(EINVALID, "企业ID不能为空且不超过64个字符")
	case c.Name == "" || len([]rune(c.Name)) > 128:
		return Errorf(EINVALID, "企业名称不能为空且不超过128个字符")
	}
	if c.Timezone == "" {
		c.Timezone = "Asia/Shanghai"
	}
	if _, err := time.LoadLocation(c.Timezone); err != nil {
		return Errorf(EINVALID, "未知时区 %q", c.Timezone)
	}
	return nil
}

// CorpService manages the tenants of a deployment.
type CorpService interface {
	CreateCorp(ctx context.Context, c *Corp) error
	FindCorpByID(ctx context.Context, id int64) (*Corp, error)
	FindCorpByCorpID(ctx context.Context, corpID string) (*Corp, error)
	ListCorps(ctx context.Context) ([]*Corp, error)
	UpdateCorpCredentials(ctx context.Context, c *Corp) error
}

// ZoneNamed is the time zone a corp's shifts, daily caps and pages are
// read in. A name this system cannot load (it was checked when the corp
// was saved; the binary embeds the zone database) falls back to
// Asia/Shanghai, or a fixed UTC+8 (China has kept no daylight saving
// since 1991), so that every reader of a corp's zone agrees.
func ZoneNamed(name string) *time.Location {
	if name != "" { // LoadLocation reads "" as UTC
		if loc, err := time.LoadLocation(name); err == nil {
			return loc
		}
	}
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}
