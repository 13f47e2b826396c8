package app

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Kinds of subscribe notice a mini-program sends a consumer: each has
// its own template, so a consent to one is no consent to the other.
const (
	NoticeJoin   = "join"   // a campaign joined (参与成功)
	NoticeReward = "reward" // a reward reached or granted (奖励到账)
)

// MiniApp is a corp's WeChat mini-program (小程序), the consumer's side
// of Siyu: its consumers log in through it and become members of its
// brand (BrandID; nil: the corp's shared pool), as a 公众号's followers
// do. The templates are the one-time subscribe messages it asks consent
// for; CampaignPage is the page its codes and notices open.
type MiniApp struct {
	ID             int64
	CorpID         int64
	AppID          string
	Name           string
	BrandID        *int64
	JoinTemplate   string
	RewardTemplate string
	CampaignPage   string
	// AppSecret gets access tokens and exchanges login codes: sealed at
	// rest by the store and never serialised to clients.
	AppSecret string `json:"-"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Validate checks every field a person supplies and reports all that are
// wrong at once.
func (a *MiniApp) Validate() error {
	var f Fields
	a.AppID, a.Name = strings.TrimSpace(a.AppID), strings.TrimSpace(a.Name)
	a.JoinTemplate, a.RewardTemplate = strings.TrimSpace(a.JoinTemplate), strings.TrimSpace(a.RewardTemplate)
	a.CampaignPage = strings.TrimSpace(a.CampaignPage)
	f.Check(!validAppID(a.AppID), "appid", "AppID 应为 wx 开头的 18 位字母或数字")
	f.Check(a.Name == "" || utf8.RuneCountInString(a.Name) > 64, "name", "名称不能为空且不超过 64 个字符")
	f.Check(a.AppSecret == "" || len(a.AppSecret) > 64, "app_secret", "AppSecret 不能为空且不超过 64 个字符")
	f.Check(len(a.JoinTemplate) > 64, "join_template", "参与通知模板 ID 不能超过 64 个字符")
	f.Check(len(a.RewardTemplate) > 64, "reward_template", "奖励通知模板 ID 不能超过 64 个字符")
	f.Check(!validPage(a.CampaignPage), "campaign_page", "活动页面路径应形如 pages/campaign/index（不以 / 开头、不带参数）")
	return f.Err()
}

// Template is the subscribe template of notice kind, "" when none is set.
func (a *MiniApp) Template(kind string) string {
	switch kind {
	case NoticeJoin:
		return a.JoinTemplate
	case NoticeReward:
		return a.RewardTemplate
	}
	return ""
}

// validPage reports whether p is a mini-program page path WeChat takes
// in a code: no leading slash, no query, at most 128 characters.
func validPage(p string) bool {
	return p != "" && len(p) <= 128 && !strings.HasPrefix(p, "/") && !strings.ContainsAny(p, "? ")
}

// MiniSession is a consumer logged in through a mini-program: who WeChat
// said they are (jscode2session) and the member Siyu found for them. It
// is the only identity the consumer API trusts.
type MiniSession struct {
	CorpID    int64     `json:"corp_id"`
	AppID     int64     `json:"app_id"`
	OpenID    string    `json:"openid"`
	UnionID   string    `json:"unionid,omitempty"`
	MemberID  int64     `json:"member_id"`
	ExpiresAt time.Time `json:"expires_at"`
}

// MiniConsent is one accepted subscribe request: WeChat allows one
// message of the template per acceptance, so each row is spent once.
type MiniConsent struct {
	ID         int64
	CorpID     int64
	AppID      int64
	OpenID     string `gorm:"column:openid"`
	MemberID   int64
	TemplateID string
	Scene      string
	SpentKey   *string // the notice that spent it; nil while unused
	SpentAt    *time.Time
	// Settled once the send's outcome is known; Sent when WeChat took it
	// (false: 43101, the consent spent nonetheless).
	Settled   bool
	Sent      bool
	CreatedAt time.Time
}

// MiniNotice is a subscribe message a capability (referral) sends a
// consumer through app/miniapp's Notify, spending one of their consents.
type MiniNotice struct {
	CorpID int64
	// OpenID names the consumer, or else MemberID: every openid of the
	// member (after merges, the survivor's) may have consents to spend.
	MemberID int64
	OpenID   string
	Kind     string // NoticeJoin or NoticeReward
	// Page is opened by a tap ("" for the mini-program's campaign page),
	// with its query: pages/progress/index?c=k7Qa9.
	Page string
	// Data maps each key of the template (thing1, time2…) to its value.
	Data map[string]string
	// Key makes the notice idempotent: a notice sent again with the same
	// key spends no second consent and sends nothing more.
	Key string
}
