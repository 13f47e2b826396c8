package app

import (
	"strings"
	"time"
)

// Kinds of referral campaign (裂变).
const (
	// ReferralFriend (任务宝): invitees add a guide through the campaign's
	// one contact way (a channel).
	ReferralFriend = "friend"
	// ReferralGroup (群裂变): invitees join a group through the campaign's
	// one join way, whose state is the campaign's.
	ReferralGroup = "group"
)

// Referral campaign states.
const (
	ReferralCreating = "creating" // the row exists, its join way not yet
	ReferralActive   = "active"
	ReferralPaused   = "paused" // arrivals still count; no new participants
	ReferralEnded    = "ended"  // ended by an operator before its window closed
)

// ReferralCampaign is a referral campaign: participants share their own
// mini-program code; a friend who scans it and then arrives through the
// campaign's contact way or join way is a help for them, counted by the
// campaign's rules, and helps reach reward tiers.
type ReferralCampaign struct {
	ID       int64
	CorpID   int64
	Name     string
	Kind     string
	Status   string
	Title    string // the poster's headline
	StartsAt time.Time
	EndsAt   time.Time
	// ChannelID is a friend campaign's contact way: a channel of the
	// corp, whose routing (guides, stores, shifts, caps) new friends follow.
	ChannelID *int64
	// State is what arrivals carry back: the channel's state, the join
	// way's ("rf<id>"), or with a 获客链接 "rl<id>", each click's
	// customer_channel being State + "." + the inviter's scene.
	State string
	// A friend campaign inviting by 获客链接 instead of codes: Link asks
	// for one when it is created; LinkID and LinkURL are WeCom's.
	Link    bool   `gorm:"-"`
	LinkID  string `gorm:"column:link_id"`
	LinkURL string `gorm:"column:link_url"`
	// QRCode is the image URL the campaign page shows a friend who scanned:
	// the channel's contact way or the join way.
	QRCode string `gorm:"column:qr_code"`
	// A group campaign's join way and its groups (≤ 5); when all are full
	// WeCom creates GroupBase+GroupNumber, +1, and so on.
	JoinConfigID string   `gorm:"column:join_config_id"`
	ChatIDs      []string `gorm:"serializer:json;column:chat_ids"`
	GroupBase    string
	GroupNumber  int
	Tiers        []ReferralTier `gorm:"serializer:json"`
	// HoldHours is how long a help must stay (a friend, a member of the
	// group) before it is credited and counts toward a reward.
	HoldHours int
	// At most VelocityMax helps per inviter within VelocityMinutes count at
	// once; the rest wait for an operator's review. 0 is no limit.
	VelocityMax     int
	VelocityMinutes int
	Rules           ReferralRules `gorm:"serializer:json"`
	PosterID        *int64        // a material: the poster's background
	CreatedBy       string
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// ReferralTier is a reward reached at Helps credited helps.
type ReferralTier struct {
	Helps    int    `json:"helps"`
	RewardID int64  `json:"reward_id"`
	Name     string `json:"name"` // what the consumer reads: "邀请3人得咖啡券"
}

// ReferralRules are a campaign's counting switches; each defaults to on.
type ReferralRules struct {
	// AllowExisting counts a friend of any member of the corp (or an
	// earlier member of the campaign's groups) too.
	AllowExisting bool `json:"allow_existing,omitempty"`
	// KeepOnLeave keeps a help whose friend left inside the hold period.
	KeepOnLeave bool `json:"keep_on_leave,omitempty"`
}

// Open reports whether at falls in the campaign's window.
func (c *ReferralCampaign) Open(at time.Time) bool {
	return !at.Before(c.StartsAt) && at.Before(c.EndsAt)
}

// Carries reports whether an arrival's state is the campaign's: its own,
// or for a 获客链接 campaign one of its participants' customer_channels.
func (c *ReferralCampaign) Carries(state string) bool {
	return state == c.State || c.LinkID != "" && strings.HasPrefix(state, c.State+".")
}

// ReferralParticipant is a consumer who joined a campaign to invite
// friends. Scene, the short opaque key in their mini-program code, is the
// only thing the code carries.
type ReferralParticipant struct {
	ID         int64
	CorpID     int64
	CampaignID int64
	UnionID    string `gorm:"column:unionid"`
	OpenID     string `gorm:"column:openid"`
	MemberID   *int64
	Name       string
	Avatar     string
	Scene      string
	// Counters kept by each evaluation of their helps.
	Visits    int // code scans (every opening of their campaign page)
	Shares    int // shares the mini-program reported
	Invitees  int // distinct friends who scanned first through them
	Held      int // arrived, hold period running
	Credited  int
	Review    int
	Voided    int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Help states.
const (
	HelpHeld     = "held"     // arrived; the hold period runs
	HelpCredited = "credited" // stayed through the hold: counts for rewards
	HelpReview   = "review"   // over the inviter's velocity limit: an operator decides
	HelpVoided   = "voided"   // does not count; Reason says why
)

// Why a help does not count.
const (
	VoidExisting  = "existing"  // already a friend, or earlier in the campaign's groups
	VoidLeft      = "left"      // deleted the guide or left the group inside the hold
	VoidSelf      = "self"      // invited themself
	VoidBlacklist = "blacklist" // inviter or invitee is blacklisted
	VoidRejected  = "rejected"  // an operator rejected it on review
)

// Operator decisions on a help held for review.
const (
	DecisionApprove = "approve"
	DecisionReject  = "reject"
)

// ReferralHelp is one invitee's arrival for their inviter in a campaign:
// one per (campaign, invitee), whatever the callbacks repeat.
type ReferralHelp struct {
	ID             int64
	CorpID         int64
	CampaignID     int64
	ParticipantID  int64
	InviteeUnionID string `gorm:"column:invitee_unionid"`
	ExternalUserID string `gorm:"column:external_userid"`
	UserID         string `gorm:"column:userid"` // the guide added, or the group's owner
	ChatID         string
	StoreID        *int64
	ArrivedAt      time.Time
	Status         string
	Reason         string
	Decision       string
	CreditedAt     *time.Time
	UpdatedAt      time.Time
}

// ReferralPending is the first scan of a participant's code by an invitee
// in a campaign: the arrival that follows is credited to that participant.
type ReferralPending struct {
	CorpID         int64
	CampaignID     int64
	InviteeUnionID string `gorm:"column:invitee_unionid"`
	InviteeOpenID  string `gorm:"column:invitee_openid"`
	ParticipantID  int64
	ScannedAt      time.Time
}

// Kinds of referral observation: what WeCom said happened to a customer.
const (
	ObserveAdd   = "add"   // added a member (any contact way)
	ObserveLeave = "leave" // the relation with a member ended
	ObserveJoin  = "join"  // joined a customer group
	ObserveExit  = "exit"  // left a customer group
)

// ReferralObservation is one callback's fact about a customer, kept once
// per event: helps are judged from the whole set of facts, so duplicated
// and reordered callbacks reach the same verdict.
type ReferralObservation struct {
	CorpID         int64
	EventKey       string
	ExternalUserID string `gorm:"column:external_userid"`
	Kind           string
	UserID         string `gorm:"column:userid"`
	ChatID         string
	State          string
	At             time.Time
}

// ReferralBlacklisted is one blacklist entry.
type ReferralBlacklisted struct {
	CorpID    int64
	UnionID   string `gorm:"column:unionid"`
	Reason    string
	CreatedBy string
	CreatedAt time.Time
}

// ReferralHelpFilter selects a page of a campaign's helps.
type ReferralHelpFilter struct {
	Page
	CorpID        int64
	CampaignID    int64
	ParticipantID int64
	Status        string
	Reason        string
}

// Tier reward states.
const (
	TierPending    = "pending" // reached, its grant not yet answered: the next settle asks again
	TierGranted    = "granted"
	TierOutOfStock = "out_of_stock" // the reward ran out; an operator may grant by hand
	TierFailed     = "failed"       // the reward refused (gone, misconfigured)
)

// ReferralTierReward is a participant's reaching one reward tier and what came of
// it: asked for once, its grant recorded.
type ReferralTierReward struct {
	CorpID        int64
	ParticipantID int64
	Tier          int
	CampaignID    int64
	RewardID      int64
	Status        string
	GrantID       *int64
	CostCents     int64
	Detail        string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}
