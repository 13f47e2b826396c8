package app

import (
	"context"
	"time"
)

// Kinds of channel (渠道活码): whose customers a code brings in.
const (
	ChannelStore    = "store"    // a store's code, shared by its guides
	ChannelGuide    = "guide"    // one guide's personal code
	ChannelCampaign = "campaign" // a campaign's code, for a store or for the online team
	ChannelOnline   = "online"   // the online team's code: customers go to the pool
)

// How a multi-guide channel picks among eligible guides.
const (
	PickRoundRobin  = "round_robin"
	PickLeastLoaded = "least_loaded"
)

// Channel statuses. A deleted channel keeps its row: relations added
// through its state still name it. A channel is creating from the moment
// its row exists until WeCom's contact way is recorded on it, so a crash
// in between leaves a row to finish rather than a contact way nobody knows.
const (
	ChannelCreating = "creating"
	ChannelActive   = "active"
	ChannelDeleted  = "deleted"
	// ChannelPaused is a channel an operator paused. WeCom has no way to
	// switch a contact way off short of deleting it (which would void every
	// printed QR), so a paused code routes to its backup guide alone until
	// it is resumed.
	ChannelPaused = "paused"
)

// MaxWelcomeAttachments is WeCom's limit on a welcome message's attachments.
const MaxWelcomeAttachments = 9

// Channel is a WeCom 「联系我」 contact way Siyu created and the rules of
// the customers who add through it. State, the contact way's state
// (≤ 30 chars), is the channel's code; the add event carries it back.
type Channel struct {
	ID       int64
	CorpID   int64
	State    string
	Name     string
	Kind     string
	StoreID  *int64 // store and campaign channels of a store
	ConfigID string `gorm:"column:config_id"` // WeCom's id of the contact way
	QRCode   string `gorm:"column:qr_code"`   // WeCom's URL of the QR image
	// SkipVerify adds customers without the guide accepting each request.
	SkipVerify bool
	Welcome    Welcome  `gorm:"serializer:json"`
	TagIDs     []string `gorm:"serializer:json;column:tag_ids"` // corp tags marked on add
	// DailyCap bounds how many new customers one guide takes through this
	// channel per day (corp time zone); 0 is no cap.
	DailyCap     int
	Pick         string // PickRoundRobin or PickLeastLoaded
	BackupUserID string `gorm:"column:backup_userid"` // takes customers when nobody else can
	// City and coordinates (micro-degrees) of an online or campaign
	// channel, so the pool can send its customers to the nearest store.
	City      string
	Latitude  *int64
	Longitude *int64
	Members   []ChannelMember `gorm:"-"`
	Status    string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Welcome is a channel's welcome message (欢迎语). Text may name the
// customer, the guide and the store: {客户}, {导购}, {门店}.
type Welcome struct {
	Text        string              `json:"text"`
	Attachments []WelcomeAttachment `json:"attachments,omitempty"`
}

// WelcomeAttachment is one attachment of a welcome message: an image by
// media id or URL, a link, or a mini-program page.
type WelcomeAttachment struct {
	Type    string `json:"type"` // image, link, miniprogram
	MediaID string `json:"media_id,omitempty"`
	PicURL  string `json:"pic_url,omitempty"`
	Title   string `json:"title,omitempty"`
	URL     string `json:"url,omitempty"`
	Desc    string `json:"desc,omitempty"`
	AppID   string `json:"appid,omitempty"`
	Page    string `json:"page,omitempty"`
}

// ChannelMember is a guide a channel routes customers to, and when: the
// shifts (by weekday and time of day, corp time zone) they take customers.
// No shifts means always.
type ChannelMember struct {
	ChannelID int64   `gorm:"primaryKey"`
	CorpID    int64   `gorm:"primaryKey"`
	UserID    string  `gorm:"column:userid;primaryKey"`
	Position  int     // order for round-robin
	Shifts    []Shift `gorm:"serializer:json"`
}

// Shift is a weekly window: Days are time.Weekday numbers (0 Sunday), From
// and To minutes after midnight, To exclusive; To ≤ From runs past midnight.
type Shift struct {
	Days []int `json:"days"`
	From int   `json:"from"`
	To   int   `json:"to"`
}

// ChannelService manages channels and keeps their WeCom contact ways in
// step: creating one creates the contact way, and the member list WeCom
// routes new customers to follows shifts and caps.
type ChannelService interface {
	CreateChannel(ctx context.Context, c *Channel) error
	UpdateChannel(ctx context.Context, c *Channel) error
	DeleteChannel(ctx context.Context, corpID, id int64) error
	// PauseChannel routes the channel's contact way to its backup guide
	// alone; ResumeChannel to its guides again.
	PauseChannel(ctx context.Context, corpID, id int64) (*Channel, error)
	ResumeChannel(ctx context.Context, corpID, id int64) (*Channel, error)
	FindChannel(ctx context.Context, corpID, id int64) (*Channel, error)
	ListChannels(ctx context.Context, corpID int64, p Page) ([]Channel, int64, error)
	// FilterChannels is ListChannels narrowed by store, kind and status.
	FilterChannels(ctx context.Context, corpID int64, f ChannelFilter) ([]Channel, int64, error)
	// SyncChannelMembers updates the contact way of each multi-guide
	// channel of corpID whose available guides changed by at.
	SyncChannelMembers(ctx context.Context, corpID int64, at time.Time) error
}

// ChannelFilter selects a page of a corp's channels; each set field
// narrows it. No Status means every channel but deleted ones.
type ChannelFilter struct {
	Page
	StoreID int64
	Kind    string
	Status  string
}

// RoutedChannel is an active multi-guide channel with the member list last
// sent to its contact way.
type RoutedChannel struct {
	Channel
	RoutedTo string // comma-separated userids, "" before the first send
}

// Warnings are what an operator should know about a channel that is valid
// but will not do all they may expect, in Chinese.
func (c *Channel) Warnings() []string {
	var out []string
	if c.Welcome.Text == "" && len(c.Welcome.Attachments) == 0 {
		out = append(out, "未设置欢迎语：通过该活码添加的客户不会收到欢迎语")
	}
	return out
}
